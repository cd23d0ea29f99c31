// Compiled on Linux by `dotnet build -p:UringBackend=Kqueue` (so CI keeps it building) but NOT exercised
// here: Linux has no kqueue. It runs only on macOS (and, with the struct kevent change noted in
// native/Kqueue/kevent.cs, FreeBSD); no test in this repository drives it.

using System;
using System.Runtime.InteropServices;
using Uring.Engine.Buffers;
using Uring.Engine.Readiness;
using Uring.Engine.Sockets.Bsd;
using Uring.Native.Bsd;

namespace Uring.Engine.Kqueue;

/// <summary>
/// The kqueue backend (macOS/BSD): readiness like the epoll backend (the shared logic is in
/// <see cref="ReadinessBackend"/>). Per connection an EVFILT_READ and an EVFILT_WRITE filter, enabled while the
/// connection wants them. Level-triggered (no EV_CLEAR): a connection with input left after its
/// per-event read budget is reported again by the next kevent(), exactly what the epoll backend relies
/// on. Filter changes are queued and handed to the kernel in the changelist of the next
/// <see cref="Poll"/>'s kevent(): registration costs no syscall of its own. Cross-thread wake-ups
/// trigger an EVFILT_USER event.
/// </summary>
internal sealed unsafe class KqueueBackend : ReadinessBackend
{
    private const int MaxEvents = 256;
    private const nuint WakeIdent = 0;   // EVFILT_USER idents are their own namespace, not descriptors

    // Per connection slot: which filters are enabled (once the queued changes apply).
    private const byte ReadOn = 1, WriteOn = 2;

    private readonly int _kq;

    // Changes queued for the next kevent(), and the event list it fills. The event list is never
    // smaller than the changelist, so a change that fails always comes back as an EV_ERROR event
    // instead of failing the whole call (kevent(2)).
    private kevent* _changes;
    private kevent* _events;
    private int _capacity = MaxEvents;
    private int _changeCount;
    private uint _turn; // counts kevent() calls: a slot stamped with the current turn has changes queued

    private byte[] _interest = new byte[64];
    private uint[] _queuedTurn = new uint[64];

    public override string Name => "kqueue";
    public override string Description { get; }

    public KqueueBackend(Reactor reactor) : base(reactor)
    {
        _kq = LibC.kqueue();
        if (_kq < 0) throw new InvalidOperationException($"kqueue failed: {Errno.Name(BsdErrno.ToEngine(-_kq))}");
        // kqueue() has no CLOEXEC flag on macOS (a kqueue is not inherited across fork, but is across exec).
        LibC.fcntl(_kq, LibC.F_SETFD, LibC.FD_CLOEXEC);
        kevent wake = Change(WakeIdent, LibC.EVFILT_USER, LibC.EV_ADD | LibC.EV_CLEAR, UserData.Pack(OpTag.Wake, 0, 0));
        int rc = LibC.kevent(_kq, &wake, 1, null, 0, null);
        if (rc < 0)
        {
            LibC.close(_kq);
            throw new InvalidOperationException($"kevent(EVFILT_USER) failed: {Errno.Name(BsdErrno.ToEngine(-rc))}");
        }
        _changes = (kevent*)NativeMemory.Alloc((nuint)(_capacity * sizeof(kevent)));
        _events = (kevent*)NativeMemory.Alloc((nuint)(_capacity * sizeof(kevent)));
        Description = $"kqueue: level-triggered, EVFILT_USER wake-up, {reactor.ReceiveBuffers.Count} x {reactor.ReceiveBuffers.Size} B receive buffers; "
            + "reactor threads not pinned (no sched_setaffinity on macOS)";
    }

    private static kevent Change(nuint ident, short filter, ushort flags, ulong userData, uint fflags = 0)
    {
        kevent k = default;
        k.ident = ident;
        k.filter = filter;
        k.flags = flags;
        k.fflags = fflags;
        k.udata = (void*)userData;
        return k;
    }

    /// <summary>Queues a change for the next kevent().</summary>
    private void Queue(int fd, short filter, ushort flags, ulong userData)
    {
        if (_changeCount == _capacity) Grow();
        _changes[_changeCount++] = Change((nuint)fd, filter, flags, userData);
    }

    private void Grow()
    {
        _capacity *= 2;
        _changes = (kevent*)NativeMemory.Realloc(_changes, (nuint)(_capacity * sizeof(kevent)));
        _events = (kevent*)NativeMemory.Realloc(_events, (nuint)(_capacity * sizeof(kevent)));
    }

    /// <summary>Drops queued changes for <paramref name="fd"/> before it is closed: close(2) removes its filters
    /// in the kernel, and the number may be reused at once by a descriptor the stale changes must not touch.</summary>
    private void Unqueue(int fd)
    {
        int kept = 0;
        for (int i = 0; i < _changeCount; i++)
            if (_changes[i].ident != (nuint)fd) _changes[kept++] = _changes[i];
        _changeCount = kept;
    }

    private static ulong Tag(Connection c) => UserData.Pack(OpTag.Recv, c.Generation, c.Slot);

    // ---- socket calls (native/Bsd returns -errno in BSD numbering; the engine speaks Linux's) ----

    private static long Result(long rc) => rc < 0 ? -BsdErrno.ToEngine((int)-rc) : rc;

    protected override long Receive(int fd, byte* buffer, int length) => Result(LibC.recv(fd, buffer, (nuint)length, LibC.MSG_DONTWAIT));

    protected override long SendVector(int fd, IoVector* iov, int count)
    {
        msghdr msg = default;
        msg.msg_iov = (iovec*)iov;
        msg.msg_iovlen = count;
        // SIGPIPE is off through SO_NOSIGPIPE (set on the listener, inherited by accepted sockets).
        return Result(LibC.sendmsg(fd, &msg, LibC.MSG_DONTWAIT));
    }

    protected override int AcceptOne(int listenFd)
    {
        // No accept4 on macOS. The new socket inherits O_NONBLOCK and SO_NOSIGPIPE from the listener
        // (BSD accept semantics; recv and sendmsg pass MSG_DONTWAIT regardless), but not FD_CLOEXEC.
        int fd = (int)Result(LibC.accept(listenFd, null, null));
        if (fd >= 0) LibC.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC);
        return fd;
    }

    protected override int ConnectSocket(int fd, byte* sockaddr, int length) => (int)Result(LibC.connect(fd, (sockaddr*)sockaddr, (uint)length));

    protected override int PendingError(int fd)
    {
        int err = Sockets.Socket.GetInt(fd, Sockets.Socket.SOL_SOCKET, LibC.SO_ERROR);
        return err > 0 ? BsdErrno.ToEngine(err) : err;
    }

    protected override void CloseFd(int fd) => LibC.close(fd);

    protected override void ShutdownWriteFd(int fd) => LibC.shutdown(fd, LibC.SHUT_WR);

    // ---- interest ----

    private void EnsureSlot(int slot)
    {
        if (slot < _interest.Length) return;
        int size = Math.Max(_interest.Length * 2, slot + 1);
        Array.Resize(ref _interest, size);
        Array.Resize(ref _queuedTurn, size);
    }

    /// <summary>Brings the connection's filters in line with what it waits for; queues changes only on change.</summary>
    protected override void SetInterest(Connection c, bool read, bool write)
    {
        EnsureSlot(c.Slot);
        byte have = _interest[c.Slot];
        byte want = (byte)((read ? ReadOn : 0) | (write ? WriteOn : 0));
        if (want == have) return;
        // EV_ADD on a filter already present only modifies it, so enabling is always EV_ADD | EV_ENABLE.
        if (((want ^ have) & ReadOn) != 0)
            Queue(c.Fd, LibC.EVFILT_READ, read ? (ushort)(LibC.EV_ADD | LibC.EV_ENABLE) : LibC.EV_DISABLE, Tag(c));
        if (((want ^ have) & WriteOn) != 0)
            Queue(c.Fd, LibC.EVFILT_WRITE, write ? (ushort)(LibC.EV_ADD | LibC.EV_ENABLE) : LibC.EV_DISABLE, Tag(c));
        _interest[c.Slot] = want;
        _queuedTurn[c.Slot] = _turn;
    }

    protected override bool WaitsWritable(Connection c) => c.Slot < _interest.Length && (_interest[c.Slot] & WriteOn) != 0;

    protected override void Forget(Connection c)
    {
        EnsureSlot(c.Slot);
        if (_queuedTurn[c.Slot] == _turn) Unqueue(c.Fd);
        _interest[c.Slot] = 0; // close(2) removes both filters
    }

    protected override void WatchListener(Listener l)
        => Queue(l.Fd, LibC.EVFILT_READ, (ushort)(LibC.EV_ADD | LibC.EV_ENABLE), UserData.Pack(OpTag.Accept, 0, l.Index));

    protected override void UnwatchListener(Listener l, bool closing)
    {
        if (closing) Unqueue(l.Fd); // close(2) removes its filter
        else Queue(l.Fd, LibC.EVFILT_READ, LibC.EV_DELETE, 0);
    }

    // ---- the loop ----

    public override void Poll(long timeoutMs)
    {
        timespec ts;
        timespec* timeout = null; // negative: wait without limit, as epoll_wait(-1)
        if (timeoutMs >= 0)
        {
            ts.tv_sec = timeoutMs / 1000;
            ts.tv_nsec = timeoutMs % 1000 * 1_000_000;
            timeout = &ts;
        }
        // The kernel applies every change before it waits, even when the wait is then interrupted.
        int changes = _changeCount;
        _changeCount = 0;
        _turn++;
        int n = LibC.kevent(_kq, _changes, changes, _events, _capacity, timeout);
        Reactor.RefreshClock();
        if (n < 0)
        {
            int e = BsdErrno.ToEngine(-n);
            if (e == Errno.EINTR) return;
            throw new InvalidOperationException($"kevent failed: {Errno.Name(e)}");
        }
        for (int i = 0; i < n; i++)
        {
            kevent ev = _events[i];
            ulong ud = (ulong)ev.udata;
            switch (UserData.Op(ud))
            {
                case OpTag.Accept:
                    Listener l = Reactor.ListenerAt(UserData.Slot(ud));
                    if ((ev.flags & LibC.EV_ERROR) != 0) OnListenerChangeFailed(l, ev);
                    else AcceptAll(l);
                    break;
                case OpTag.Wake:
                    Reactor.OnWake(); // EV_CLEAR: the trigger resets once reported
                    break;
                case OpTag.Recv:
                    Connection? c = Reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is null) break;
                    if ((ev.flags & LibC.EV_ERROR) != 0) OnChangeFailed(c, ev);
                    else OnReady(c, ev);
                    break;
            }
        }
    }

    private void OnReady(Connection c, in kevent ev)
    {
        if ((c.State & ConnectionState.Connecting) != 0)
        {
            if (ev.filter != LibC.EVFILT_WRITE) return;
            // Writable means connected or failed; SO_ERROR says which (and EV_EOF's fflags, if it was already read).
            int err = PendingError(c.Fd);
            if (err == 0 && (ev.flags & LibC.EV_EOF) != 0 && ev.fflags != 0) err = BsdErrno.ToEngine((int)ev.fflags);
            OnConnectReady(c, err);
            return;
        }
        // EV_EOF needs no branch of its own: recv drains what is left, then returns 0 (or the socket's error).
        if (ev.filter == LibC.EVFILT_READ) OnReadable(c);
        else if (ev.filter == LibC.EVFILT_WRITE) OnWritable(c);
    }

    /// <summary>A queued change was refused (kevent.data: its errno): end what that filter was for.</summary>
    private void OnChangeFailed(Connection c, in kevent ev)
    {
        if (ev.data == 0 || (c.State & ConnectionState.Closing) != 0) return;
        int e = BsdErrno.ToEngine((int)ev.data);
        if (ev.filter == LibC.EVFILT_READ)
        {
            _interest[c.Slot] &= unchecked((byte)~ReadOn);
            if ((c.State & ConnectionState.RecvArmed) != 0) Reactor.OnReceiveStopped(c, -e);
        }
        else if (ev.filter == LibC.EVFILT_WRITE)
        {
            _interest[c.Slot] &= unchecked((byte)~WriteOn);
            if ((c.State & ConnectionState.Connecting) != 0) Reactor.OnConnectCompleted(c, -e);
            else if ((c.State & ConnectionState.SendInFlight) != 0) Reactor.OnSendCompleted(c, -e);
        }
    }

    private void OnListenerChangeFailed(Listener l, in kevent ev)
    {
        if (ev.data == 0 || !l.Armed) return;
        // Not watched: the reactor retries StartAccept shortly, as after EMFILE.
        Reactor.OnAcceptStopped(l, BsdErrno.ToEngine((int)ev.data));
    }

    // ---- cross-thread wake-up ----

    public override void Wake()
    {
        // kevent() is safe to call from any thread, while the reactor sleeps in its own kevent().
        kevent trigger = Change(WakeIdent, LibC.EVFILT_USER, 0, UserData.Pack(OpTag.Wake, 0, 0), LibC.NOTE_TRIGGER);
        LibC.kevent(_kq, &trigger, 1, null, 0, null);
    }

    protected override void DisposePoller()
    {
        LibC.close(_kq);
        NativeMemory.Free(_changes);
        NativeMemory.Free(_events);
    }
}
