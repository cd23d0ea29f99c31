using System;
using System.Runtime.InteropServices;
using Tmds.Linux;
using Uring.Engine.Buffers;
using Uring.Engine.Readiness;

namespace Uring.Engine.Epoll;

/// <summary>
/// The epoll backend. Used where io_uring is refused (containers' seccomp,
/// kernel.io_uring_disabled) or chosen at build time with -p:UringBackend=Epoll. Level-triggered,
/// with each connection's interest following what it waits for (epoll_ctl only on change), and an
/// eventfd for cross-thread wake-ups.
/// </summary>
internal sealed unsafe class EpollBackend : ReadinessBackend
{
    private const int MaxEvents = 256;
    private const int MSG_NOSIGNAL = 0x4000, MSG_DONTWAIT = 0x40;
    private const int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    private const int SO_ERROR = 4, SHUT_WR = 1;
    private const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000;

    private readonly int _epfd;
    private readonly int _eventFd;
    private readonly epoll_event* _events;

    // Per connection slot: the interest registered with epoll (0: not registered) and whether
    // the connection waits for EPOLLOUT (connecting, or a send met a full socket buffer).
    private uint[] _registered = new uint[64];
    private bool[] _writeWait = new bool[64];

    public override string Name => "epoll";
    public override string Description { get; }

    public EpollBackend(Reactor reactor) : base(reactor)
    {
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
        Description = $"epoll: level-triggered, eventfd wake-up, {reactor.ReceiveBuffers.Count} x {reactor.ReceiveBuffers.Size} B receive buffers";
    }

    private int Ctl(int op, int fd, uint events, ulong data)
    {
        epoll_event ev = default;
        ev.events = (int)events;
        ev.data.u64 = data;
        return LibC.epoll_ctl(_epfd, op, fd, &ev) < 0 ? -LibC.errno : 0;
    }

    private static ulong Tag(Connection c) => UserData.Pack(OpTag.Recv, c.Generation, c.Slot);

    // ---- socket calls ----

    private static long Result(long rc) => rc < 0 ? -LibC.errno : rc;

    protected override long Receive(int fd, byte* buffer, int length) => Result(LibC.recv(fd, buffer, length, MSG_DONTWAIT));

    protected override long SendVector(int fd, IoVector* iov, int count)
    {
        msghdr msg = default;
        msg.msg_iov = (iovec*)iov;
        msg.msg_iovlen = count;
        return Result(LibC.sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT));
    }

    protected override int AcceptOne(int listenFd) => (int)Result(LibC.accept4(listenFd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC));

    protected override int ConnectSocket(int fd, byte* sockaddr, int length) => (int)Result(LibC.connect(fd, (sockaddr*)sockaddr, (uint)length));

    protected override int PendingError(int fd) => Sockets.Socket.GetInt(fd, Sockets.Socket.SOL_SOCKET, SO_ERROR);

    protected override void CloseFd(int fd) => LibC.close(fd);

    protected override void ShutdownWriteFd(int fd) => LibC.shutdown(fd, SHUT_WR);

    // ---- interest ----

    private void EnsureSlot(int slot)
    {
        if (slot < _registered.Length) return;
        int size = Math.Max(_registered.Length * 2, slot + 1);
        Array.Resize(ref _registered, size);
        Array.Resize(ref _writeWait, size);
    }

    protected override void SetInterest(Connection c, bool read, bool write)
    {
        EnsureSlot(c.Slot);
        _writeWait[c.Slot] = write;
        uint want = (read ? EPOLLIN | EPOLLRDHUP : 0) | (write ? EPOLLOUT : 0);
        uint have = _registered[c.Slot];
        if (want == have) return;
        int rc;
        if (have == 0) rc = Ctl(LibC.EPOLL_CTL_ADD, c.Fd, want, Tag(c));
        else if (want == 0) rc = Ctl(LibC.EPOLL_CTL_DEL, c.Fd, 0, 0);
        else rc = Ctl(LibC.EPOLL_CTL_MOD, c.Fd, want, Tag(c));
        _registered[c.Slot] = rc == 0 ? want : have;
    }

    protected override bool WaitsWritable(Connection c) => c.Slot < _writeWait.Length && _writeWait[c.Slot];

    protected override void Forget(Connection c)
    {
        EnsureSlot(c.Slot);
        if (_registered[c.Slot] != 0) Ctl(LibC.EPOLL_CTL_DEL, c.Fd, 0, 0);
        _registered[c.Slot] = 0;
        _writeWait[c.Slot] = false;
    }

    protected override void WatchListener(Listener l) => Ctl(LibC.EPOLL_CTL_ADD, l.Fd, EPOLLIN, UserData.Pack(OpTag.Accept, 0, l.Index));

    protected override void UnwatchListener(Listener l, bool closing) => Ctl(LibC.EPOLL_CTL_DEL, l.Fd, 0, 0);

    // ---- the loop ----

    public override void Poll(long timeoutMs)
    {
        int n = LibC.epoll_wait(_epfd, _events, MaxEvents, (int)Math.Min(timeoutMs, int.MaxValue));
        Reactor.RefreshClock();
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
                    AcceptAll(Reactor.ListenerAt(UserData.Slot(ud)));
                    break;
                case OpTag.Wake:
                    ulong value;
                    LibC.read(_eventFd, &value, sizeof(ulong));
                    Reactor.OnWake();
                    break;
                case OpTag.Recv:
                    Connection? c = Reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is not null) OnReady(c, ev);
                    break;
            }
        }
    }

    private void OnReady(Connection c, uint ev)
    {
        if ((c.State & ConnectionState.Connecting) != 0)
        {
            if ((ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) OnConnectReady(c, PendingError(c.Fd));
            return;
        }
        if ((ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) OnReadable(c);
        if ((ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0) OnWritable(c);
    }

    // ---- cross-thread wake-up ----

    public override void Wake()
    {
        ulong one = 1;
        LibC.write(_eventFd, &one, sizeof(ulong));
    }

    protected override void DisposePoller()
    {
        LibC.close(_eventFd);
        LibC.close(_epfd);
        NativeMemory.Free(_events);
    }
}
