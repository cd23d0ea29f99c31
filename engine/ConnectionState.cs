using System;

namespace Uring.Engine;

/// <summary>The lifecycle bits of a connection. A connection is released (its slot reused) only
/// when its descriptor is closed and no operation on it is still in the kernel.</summary>
[Flags]
internal enum ConnectionState
{
    None = 0,
    /// <summary>Established and handed to its handler.</summary>
    Open = 1 << 0,
    /// <summary>A receive is in the kernel (io_uring multishot recv, or epoll interest in EPOLLIN).</summary>
    RecvArmed = 1 << 1,
    /// <summary>The handler paused reading.</summary>
    ReadPaused = 1 << 2,
    /// <summary>The peer sent FIN (or the receive side failed); no more data will come.</summary>
    ReadEnded = 1 << 3,
    /// <summary>A send is in the kernel; its buffers must stay untouched until it completes.</summary>
    SendInFlight = 1 << 4,
    /// <summary><see cref="Connection.Close"/> was called: close once queued output is sent.</summary>
    CloseRequested = 1 << 5,
    /// <summary>The close sequence was issued; no further operations start.</summary>
    Closing = 1 << 6,
    /// <summary>The descriptor is closed.</summary>
    FdClosed = 1 << 7,
    /// <summary>An outbound connect is in the kernel.</summary>
    Connecting = 1 << 8,
    /// <summary>Queued output crossed the high-water mark; OnWritable is owed once it drains.</summary>
    WriteBlocked = 1 << 9,
    /// <summary>Queued in the reactor's list of connections to flush this turn.</summary>
    Dirty = 1 << 10,
    /// <summary>The receive ended for lack of buffers; re-armed once buffers come back.</summary>
    StarvedForBuffers = 1 << 11,
    /// <summary>Aborted: queued output is discarded.</summary>
    Aborted = 1 << 12,
    /// <summary>The handler was told the read side ended.</summary>
    ReadEndDelivered = 1 << 13,
    /// <summary>The connection was told to drain for shutdown.</summary>
    ShutdownNotified = 1 << 14,
    /// <summary>FIN sent; input is read and dropped until the peer's FIN or the linger deadline, then the descriptor closes.</summary>
    Lingering = 1 << 15,
}
