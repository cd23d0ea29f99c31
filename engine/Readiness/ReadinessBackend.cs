using System;
using System.Net;
using System.Runtime.InteropServices;
using Uring.Engine.Buffers;

namespace Uring.Engine.Readiness;

/// <summary>
/// What the readiness backends (epoll, kqueue) share: they learn that a socket is readable or
/// writable and then make the call themselves, so the reactor sees the same events as with
/// io_uring — receives into the same buffers (a free list stands in for the kernel's buffer ring),
/// one gathered sendmsg per connection per turn, accept and connect reported from the loop. A
/// subclass supplies the poller (interest, wait, wake-up) and the platform's socket calls.
/// </summary>
internal abstract unsafe class ReadinessBackend : IIoBackend
{
    protected const int MaxIovecs = 64;
    private const int ReadsPerEvent = 4; // fairness between busy connections
    private const int AcceptsPerEvent = 64;

    protected readonly Reactor Reactor;
    private readonly IoVector* _iov;
    private readonly int[] _freeBuffers;
    private int _freeCount;

    protected ReadinessBackend(Reactor reactor)
    {
        Reactor = reactor;
        _iov = (IoVector*)NativeMemory.Alloc((nuint)(MaxIovecs * sizeof(IoVector)));
        int count = reactor.ReceiveBuffers.Count;
        _freeBuffers = new int[count];
        for (int i = count - 1; i >= 0; i--) _freeBuffers[_freeCount++] = i;
    }

    public abstract string Name { get; }
    public abstract string Description { get; }
    public bool CanReceive => _freeCount > 0;

    // ---- the platform: each call returns its result or -errno in the engine's (Linux) numbering ----

    protected abstract long Receive(int fd, byte* buffer, int length);
    protected abstract long SendVector(int fd, IoVector* iov, int count);
    /// <summary>A non-blocking, close-on-exec descriptor for the next pending connection, or -errno.</summary>
    protected abstract int AcceptOne(int listenFd);
    protected abstract int ConnectSocket(int fd, byte* sockaddr, int length);
    /// <summary>The pending error of a socket (SO_ERROR) after a connect, as a positive errno or 0.</summary>
    protected abstract int PendingError(int fd);
    protected abstract void CloseFd(int fd);
    protected abstract void ShutdownWriteFd(int fd);

    // ---- the poller ----

    /// <summary>Makes the poller report the connection when readable (<paramref name="read"/>) and/or writable.</summary>
    protected abstract void SetInterest(Connection c, bool read, bool write);
    protected abstract bool WaitsWritable(Connection c);
    /// <summary>Drops the connection's registration before its descriptor closes.</summary>
    protected abstract void Forget(Connection c);
    protected abstract void WatchListener(Listener l);
    /// <summary>Stops watching a listener; <paramref name="closing"/> when its descriptor is about to close.</summary>
    protected abstract void UnwatchListener(Listener l, bool closing);
    public abstract void Poll(long timeoutMs);
    public abstract void Wake();
    protected abstract void DisposePoller();

    // ---- operations ----

    // Readiness accepts one connection per call anyway; AcceptAll checks the budget before each.
    public void StartAccept(Listener listener, bool multishot)
    {
        WatchListener(listener);
        listener.Armed = true;
    }

    public void StopAccept(Listener listener)
    {
        UnwatchListener(listener, closing: false);
        listener.Armed = false;
    }

    public void CloseListener(Listener listener)
    {
        if (listener.Armed) UnwatchListener(listener, closing: true);
        CloseFd(listener.Fd);
        Reactor.OnAcceptStopped(listener, 0);
        Reactor.OnListenerClosed(listener);
    }

    public void StartReceive(Connection c) => SetInterest(c, read: true, write: WaitsWritable(c));

    public void StopReceive(Connection c) => StopReceiving(c, -Errno.ECANCELED);

    public void StartSend(Connection c) => TrySend(c);

    private void TrySend(Connection c)
    {
        int count = c.Output.FillIovecs(_iov, MaxIovecs, out _);
        long n = SendVector(c.Fd, _iov, count);
        if (n == -Errno.EAGAIN || n == -Errno.EINTR)
        {
            // The socket buffer is full: the send stays "in flight" until the poller says writable.
            SetInterest(c, WantsRead(c), write: true);
            return;
        }
        if (WaitsWritable(c)) SetInterest(c, WantsRead(c), write: false);
        Reactor.OnSendCompleted(c, (int)n);
    }

    public void StartConnect(Connection c, IPEndPoint remote)
    {
        byte* sa = stackalloc byte[Sockets.SocketAddress.MaxSize];
        int len = Sockets.SocketAddress.Write(remote, sa);
        c.State |= ConnectionState.Connecting;
        int rc = ConnectSocket(c.Fd, sa, len);
        if (rc == 0 || rc == -Errno.EINPROGRESS)
        {
            // Completion is reported from the loop (writable), never from inside Reactor.Connect.
            SetInterest(c, read: false, write: true);
            return;
        }
        // Failed at once (ECONNREFUSED on loopback, ENETUNREACH): report it from the next turn.
        Reactor.Post(static s =>
        {
            var (reactor, conn, generation, err) = ((Reactor, Connection, uint, int))s!;
            if (conn.Generation == generation) reactor.OnConnectCompleted(conn, err);
        }, (Reactor, c, c.Generation, rc));
    }

    public void ShutdownWrite(Connection c) => ShutdownWriteFd(c.Fd);

    public void StartClose(Connection c)
    {
        Forget(c);
        CloseFd(c.Fd);
        // Nothing stays in the kernel with readiness polling: the operations end with the descriptor.
        c.State &= ~(ConnectionState.RecvArmed | ConnectionState.SendInFlight | ConnectionState.Connecting);
        Reactor.OnCloseCompleted(c);
    }

    public void CloseDescriptor(int fd) => CloseFd(fd);

    public void RecycleReceiveBuffer(int bufferId) => _freeBuffers[_freeCount++] = bufferId;

    // ---- readiness events, for the subclass's Poll ----

    protected static bool WantsRead(Connection c) => (c.State & ConnectionState.RecvArmed) != 0;

    /// <summary>The socket of a connecting connection became writable: connected, or failed (SO_ERROR says).</summary>
    protected void OnConnectReady(Connection c, int error)
    {
        SetInterest(c, read: false, write: false);
        Reactor.OnConnectCompleted(c, error > 0 ? -error : error);
    }

    protected void OnReadable(Connection c)
    {
        if (WantsRead(c)) ReadSome(c);
    }

    protected void OnWritable(Connection c)
    {
        if (WaitsWritable(c) && (c.State & ConnectionState.SendInFlight) != 0 && c.Fd >= 0 && (c.State & ConnectionState.Closing) == 0)
            TrySend(c);
    }

    private void ReadSome(Connection c)
    {
        ReceiveBuffers buffers = Reactor.ReceiveBuffers;
        for (int i = 0; i < ReadsPerEvent; i++)
        {
            if ((c.State & ConnectionState.RecvArmed) == 0 || (c.State & ConnectionState.Closing) != 0) return;
            if (_freeCount == 0)
            {
                StopReceiving(c, -Errno.ENOBUFS);
                return;
            }
            int id = _freeBuffers[--_freeCount];
            long n = Receive(c.Fd, buffers.Address(id), buffers.Size);
            if (n > 0)
            {
                Reactor.OnBufferTaken(id);
                Reactor.OnReceived(c, id, (int)n);
                if (n < buffers.Size) return; // drained for now
                continue;
            }
            _freeBuffers[_freeCount++] = id;
            if (n == -Errno.EAGAIN || n == -Errno.EINTR) return;
            StopReceiving(c, (int)n); // 0: end of stream
            return;
        }
    }

    /// <summary>Drops read interest and reports the end of the receive, as a final io_uring CQE would.</summary>
    protected void StopReceiving(Connection c, int result)
    {
        SetInterest(c, read: false, write: WaitsWritable(c));
        Reactor.OnReceiveStopped(c, result);
    }

    protected void AcceptAll(Listener l)
    {
        for (int i = 0; i < AcceptsPerEvent && l.Fd >= 0 && l.Active && l.Armed; i++)
        {
            int fd = AcceptOne(l.Fd);
            if (fd >= 0)
            {
                Reactor.OnAccepted(l, fd);
                continue;
            }
            if (fd == -Errno.EAGAIN || fd == -Errno.EINTR || fd == -Errno.ECONNABORTED) return;
            // EMFILE and friends: stop watching the listener; the reactor re-arms it shortly.
            UnwatchListener(l, closing: false);
            Reactor.OnAcceptStopped(l, -fd);
            return;
        }
    }

    public void Dispose()
    {
        DisposePoller();
        NativeMemory.Free(_iov);
    }
}
