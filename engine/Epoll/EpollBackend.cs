using System;
using System.Net;
using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Uring.Engine.Epoll;

/// <summary>
/// The epoll backend: readiness instead of completions, with the same behaviour as seen by the
/// reactor (receives into the same buffers, one gathered send per connection per turn). Used
/// where io_uring is refused (containers' seccomp, kernel.io_uring_disabled) or chosen at build
/// time with -p:UringBackend=Epoll. Level-triggered; interest follows what each connection wants.
/// </summary>
internal sealed unsafe class EpollBackend : IIoBackend
{
    private const int MaxEvents = 256;
    private const int MaxIovecs = 64;
    private const int ReadsPerEvent = 4; // fairness between busy connections
    private const int AcceptsPerEvent = 64;
    private const int MSG_NOSIGNAL = 0x4000, MSG_DONTWAIT = 0x40;
    private const int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    private const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000;

    private readonly Reactor _reactor;
    private readonly int _epfd;
    private readonly int _eventFd;
    private readonly epoll_event* _events;
    private readonly iovec* _iov;
    private readonly int[] _freeBuffers;
    private int _freeCount;

    public string Name => "epoll";
    public string Description { get; }
    public bool CanReceive => _freeCount > 0;

    public EpollBackend(Reactor reactor)
    {
        _reactor = reactor;
        _epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epfd < 0) throw new InvalidOperationException($"epoll_create1 failed: {Errno.Name(LibC.errno)}");
        _eventFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (_eventFd < 0)
        {
            LibC.close(_epfd);
            throw new InvalidOperationException($"eventfd failed: {Errno.Name(LibC.errno)}");
        }
        Ctl(LibC.EPOLL_CTL_ADD, _eventFd, EPOLLIN, UserData.Pack(OpTag.Wake, 0, 0));
        _events = (epoll_event*)NativeMemory.Alloc((nuint)(MaxEvents * sizeof(epoll_event)));
        _iov = (iovec*)NativeMemory.Alloc((nuint)(MaxIovecs * sizeof(iovec)));
        int count = reactor.ReceiveBuffers.Count;
        _freeBuffers = new int[count];
        for (int i = count - 1; i >= 0; i--) _freeBuffers[_freeCount++] = i;
        Description = $"epoll: level-triggered, eventfd wake-up, {count} x {reactor.ReceiveBuffers.Size} B receive buffers";
    }

    private int Ctl(int op, int fd, uint events, ulong data)
    {
        epoll_event ev = default;
        ev.events = (int)events;
        ev.data.u64 = data;
        return LibC.epoll_ctl(_epfd, op, fd, &ev) < 0 ? -LibC.errno : 0;
    }

    private static ulong Tag(OpTag op, Connection c) => UserData.Pack(op, c.Generation, c.Slot);

    // Per connection slot: the interest registered with epoll (0: not registered) and whether
    // the connection waits for EPOLLOUT (connecting, or a send met a full socket buffer).
    private uint[] _registered = new uint[64];
    private bool[] _writeWait = new bool[64];

    private void EnsureSlot(int slot)
    {
        if (slot < _registered.Length) return;
        int size = Math.Max(_registered.Length * 2, slot + 1);
        Array.Resize(ref _registered, size);
        Array.Resize(ref _writeWait, size);
    }

    /// <summary>Brings the connection's epoll interest in line with what it waits for; epoll_ctl only on change.</summary>
    private void SetInterest(Connection c, bool read, bool write)
    {
        EnsureSlot(c.Slot);
        _writeWait[c.Slot] = write;
        uint want = (read ? EPOLLIN | EPOLLRDHUP : 0) | (write ? EPOLLOUT : 0);
        uint have = _registered[c.Slot];
        if (want == have) return;
        int rc;
        if (have == 0) rc = Ctl(LibC.EPOLL_CTL_ADD, c.Fd, want, Tag(OpTag.Recv, c));
        else if (want == 0) rc = Ctl(LibC.EPOLL_CTL_DEL, c.Fd, 0, 0);
        else rc = Ctl(LibC.EPOLL_CTL_MOD, c.Fd, want, Tag(OpTag.Recv, c));
        _registered[c.Slot] = rc == 0 ? want : have;
    }

    private bool WantsRead(Connection c) => (c.State & ConnectionState.RecvArmed) != 0;

    private bool WaitsWritable(Connection c) => c.Slot < _writeWait.Length && _writeWait[c.Slot];

    // ---- operations ----

    public void StartAccept(Listener listener)
    {
        Ctl(LibC.EPOLL_CTL_ADD, listener.Fd, EPOLLIN, UserData.Pack(OpTag.Accept, 0, listener.Index));
        listener.Armed = true;
    }

    public void CloseListener(Listener listener)
    {
        if (listener.Armed) Ctl(LibC.EPOLL_CTL_DEL, listener.Fd, 0, 0);
        LibC.close(listener.Fd);
        _reactor.OnAcceptStopped(listener, 0);
        _reactor.OnListenerClosed(listener);
    }

    public void StartReceive(Connection c) => SetInterest(c, read: true, write: WaitsWritable(c));

    public void StopReceive(Connection c) => StopReceiving(c, -Errno.ECANCELED);

    public void StartSend(Connection c) => TrySend(c);

    private void TrySend(Connection c)
    {
        int count = c.Output.FillIovecs((Buffers.IoVector*)_iov, MaxIovecs, out _);
        msghdr msg = default;
        msg.msg_iov = _iov;
        msg.msg_iovlen = count;
        long n = LibC.sendmsg(c.Fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0)
        {
            int e = LibC.errno;
            if (e == Errno.EAGAIN || e == Errno.EINTR)
            {
                SetInterest(c, WantsRead(c), write: true);
                return;
            }
            SetInterest(c, WantsRead(c), write: false);
            _reactor.OnSendCompleted(c, -e);
            return;
        }
        if (WaitsWritable(c)) SetInterest(c, WantsRead(c), write: false);
        _reactor.OnSendCompleted(c, (int)n);
    }

    public void StartConnect(Connection c, IPEndPoint remote)
    {
        byte* sa = stackalloc byte[Sockets.SocketAddress.MaxSize];
        int len = Sockets.SocketAddress.Write(remote, sa);
        c.State |= ConnectionState.Connecting;
        // Completion is reported from the loop (EPOLLOUT), never from inside Connect itself.
        int rc = LibC.connect(c.Fd, (sockaddr*)sa, (uint)len);
        int e = rc < 0 ? LibC.errno : 0;
        if (rc == 0 || e == Errno.EINPROGRESS)
        {
            SetInterest(c, read: false, write: true);
            return;
        }
        // Failed at once (ECONNREFUSED on loopback, ENETUNREACH): report it from the next turn.
        _reactor.Post(static s =>
        {
            var (backend, conn, generation, err) = ((EpollBackend, Connection, uint, int))s!;
            if (conn.Generation == generation) backend._reactor.OnConnectCompleted(conn, -err);
        }, (this, c, c.Generation, e));
    }

    public void ShutdownWrite(Connection c) => LibC.shutdown(c.Fd, LibC.SHUT_WR);

    public void StartClose(Connection c)
    {
        EnsureSlot(c.Slot);
        if (_registered[c.Slot] != 0) Ctl(LibC.EPOLL_CTL_DEL, c.Fd, 0, 0);
        _registered[c.Slot] = 0;
        _writeWait[c.Slot] = false;
        LibC.close(c.Fd);
        // Nothing stays in the kernel with epoll: the operations end with the descriptor.
        c.State &= ~(ConnectionState.RecvArmed | ConnectionState.SendInFlight | ConnectionState.Connecting);
        _reactor.OnCloseCompleted(c);
    }

    public void CloseDescriptor(int fd) => LibC.close(fd);

    public void RecycleReceiveBuffer(int bufferId) => _freeBuffers[_freeCount++] = bufferId;

    // ---- the loop ----

    public void Poll(long timeoutMs)
    {
        int n = LibC.epoll_wait(_epfd, _events, MaxEvents, (int)Math.Min(timeoutMs, int.MaxValue));
        _reactor.RefreshClock();
        if (n < 0)
        {
            int e = LibC.errno;
            if (e == Errno.EINTR) return;
            throw new InvalidOperationException($"epoll_wait failed: {Errno.Name(e)}");
        }
        for (int i = 0; i < n; i++)
        {
            ulong ud = _events[i].data.u64;
            uint ev = (uint)_events[i].events;
            switch (UserData.Op(ud))
            {
                case OpTag.Accept:
                    AcceptAll(_reactor.ListenerAt(UserData.Slot(ud)));
                    break;
                case OpTag.Wake:
                    ulong value;
                    LibC.read(_eventFd, &value, sizeof(ulong));
                    _reactor.OnWake();
                    break;
                case OpTag.Recv:
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is not null) OnReady(c, ev);
                    break;
            }
        }
    }

    private void OnReady(Connection c, uint ev)
    {
        if ((c.State & ConnectionState.Connecting) != 0)
        {
            if ((ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) == 0) return;
            int err = Sockets.Socket.GetInt(c.Fd, Sockets.Socket.SOL_SOCKET, SO_ERROR);
            SetInterest(c, read: false, write: false);
            _reactor.OnConnectCompleted(c, err > 0 ? -err : err);
            return;
        }
        if ((ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0 && (c.State & ConnectionState.RecvArmed) != 0) ReadSome(c);
        if ((ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0 && WaitsWritable(c) && (c.State & ConnectionState.SendInFlight) != 0
            && c.Fd >= 0 && (c.State & ConnectionState.Closing) == 0)
            TrySend(c);
    }

    private const int SO_ERROR = 4;

    private void ReadSome(Connection c)
    {
        Buffers.ReceiveBuffers buffers = _reactor.ReceiveBuffers;
        for (int i = 0; i < ReadsPerEvent; i++)
        {
            if ((c.State & ConnectionState.RecvArmed) == 0 || (c.State & ConnectionState.Closing) != 0) return;
            if (_freeCount == 0)
            {
                StopReceiving(c, -Errno.ENOBUFS);
                return;
            }
            int id = _freeBuffers[--_freeCount];
            long n = LibC.recv(c.Fd, buffers.Address(id), buffers.Size, MSG_DONTWAIT);
            if (n > 0)
            {
                _reactor.OnBufferTaken(id);
                _reactor.OnReceived(c, id, (int)n);
                if (n < buffers.Size) return; // drained for now
                continue;
            }
            _freeBuffers[_freeCount++] = id;
            if (n == 0)
            {
                StopReceiving(c, 0);
                return;
            }
            int e = LibC.errno;
            if (e == Errno.EAGAIN || e == Errno.EINTR) return;
            StopReceiving(c, -e);
            return;
        }
    }

    /// <summary>Drops read interest and reports the end of the receive, as a final io_uring CQE would.</summary>
    private void StopReceiving(Connection c, int result)
    {
        SetInterest(c, read: false, write: WaitsWritable(c));
        _reactor.OnReceiveStopped(c, result);
    }

    private void AcceptAll(Listener l)
    {
        for (int i = 0; i < AcceptsPerEvent && l.Fd >= 0 && l.Active; i++)
        {
            int fd = LibC.accept4(l.Fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd >= 0)
            {
                _reactor.OnAccepted(l, fd);
                continue;
            }
            int e = LibC.errno;
            if (e == Errno.EAGAIN || e == Errno.EINTR || e == Errno.ECONNABORTED) return;
            // EMFILE and friends: stop polling the listener; the reactor re-arms it shortly.
            Ctl(LibC.EPOLL_CTL_DEL, l.Fd, 0, 0);
            _reactor.OnAcceptStopped(l, e);
            return;
        }
    }

    // ---- cross-thread wake-up ----

    public void Wake()
    {
        ulong one = 1;
        LibC.write(_eventFd, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        LibC.close(_eventFd);
        LibC.close(_epfd);
        NativeMemory.Free(_events);
        NativeMemory.Free(_iov);
    }
}
