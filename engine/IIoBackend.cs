using System;
using System.Net;

namespace Uring.Engine;

/// <summary>
/// The engine-internal seam between a reactor and the kernel's I/O interface (io_uring, epoll,
/// kqueue). The reactor decides what to do; a backend only starts operations and reports their
/// results back through the reactor's On* methods, always on the reactor thread. One instance
/// per reactor, created on that reactor's thread.
/// </summary>
internal interface IIoBackend : IDisposable
{
    /// <summary>"io_uring", "epoll" or "kqueue".</summary>
    string Name { get; }

    /// <summary>One line for the start-up log: what is in use.</summary>
    string Description { get; }

    /// <summary>A receive buffer is free for the kernel to fill.</summary>
    bool CanReceive { get; }

    /// <summary>Starts accepting: many connections per request when <paramref name="multishot"/>, else one
    /// (reported by OnAcceptStopped(0) after it, so the reactor re-arms within its descriptor budget).</summary>
    void StartAccept(Listener listener, bool multishot);

    /// <summary>Stops accepting (descriptor budget spent) but keeps the listener open; its backlog holds new clients.</summary>
    void StopAccept(Listener listener);

    /// <summary>Stops accepting and closes the listening descriptor (reported by OnListenerClosed).</summary>
    void CloseListener(Listener listener);

    void StartReceive(Connection connection);

    /// <summary>Asks the kernel to stop receiving (pause); the end is reported by OnReceiveStopped.</summary>
    void StopReceive(Connection connection);

    /// <summary>Sends (part of) the connection's queued output; reported by OnSendCompleted.</summary>
    void StartSend(Connection connection);

    void StartConnect(Connection connection, IPEndPoint remote);

    /// <summary>Half-closes the write side (FIN) ahead of a lingering close.</summary>
    void ShutdownWrite(Connection connection);

    /// <summary>Cancels what is in flight on the connection and closes its descriptor; reported by OnCloseCompleted.</summary>
    void StartClose(Connection connection);

    /// <summary>Closes a descriptor that never became a connection (refused by the connection limit).</summary>
    void CloseDescriptor(int fd);

    /// <summary>Gives a receive buffer back to the kernel (or the free list).</summary>
    void RecycleReceiveBuffer(int bufferId);

    /// <summary>Submits what is queued, waits up to <paramref name="timeoutMs"/> (0: don't wait) and reports completions.</summary>
    void Poll(long timeoutMs);

    /// <summary>Interrupts a sleeping <see cref="Poll"/>. Callable from any thread.</summary>
    void Wake();
}
