// Compiled on Linux by `dotnet build -p:UringBackend=Kqueue` (so CI keeps it building) but NOT exercised
// here: Linux has no kqueue. It runs only on macOS (and, with the struct kevent change noted in
// native/Kqueue/kevent.cs, FreeBSD); no test in this repository drives it.

using System;
using System.Net;
using System.Runtime.InteropServices;
using Uring.Engine.Sockets.Bsd;
using Uring.Native.Bsd;

namespace Uring.Engine.Kqueue;

/// <summary>
/// The kqueue backend (macOS/BSD): readiness like the epoll backend, with the same behaviour as seen by
/// the reactor — receives into the same <see cref="Buffers.ReceiveBuffers"/>, one gathered sendmsg per
/// connection per turn. Per connection an EVFILT_READ and an EVFILT_WRITE filter, enabled while the
/// connection wants them. Level-triggered (no EV_CLEAR): a connection with input left after its
/// per-event read budget is reported again by the next kevent(), exactly what the epoll backend relies
/// on. Filter changes are queued and handed to the kernel in the changelist of the next
/// <see cref="Poll"/>'s kevent(): registration costs no syscall of its own. Cross-thread wake-ups
/// trigger an EVFILT_USER event.
/// </summary>
internal sealed unsafe class KqueueBackend : IIoBackend
{
    private const int MaxEvents = 256;
    private const int MaxIovecs = 64;
    private const int ReadsPerEvent = 4; // fairness between busy connections
    private const int AcceptsPerEvent = 64;
    private const nuint WakeIdent = 0;   // EVFILT_USER idents are their own namespace, not descriptors

    // Per connection slot: which filters are enabled (once the queued changes apply).
    private const byte ReadOn = 1, WriteOn = 2;

    private readonly Reactor _reactor;
    private readonly int _kq;
    private readonly iovec* _iov;
    private readonly int[] _freeBuffers;
    private int _freeCount;

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

    public string Name => "kqueue";
    public string Description { get; }
    public bool CanReceive => _freeCount > 0;

    public KqueueBackend(Reactor reactor)
    {
        _reactor = reactor;
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
        _iov = (iovec*)NativeMemory.Alloc((nuint)(MaxIovecs * sizeof(iovec)));
        int count = reactor.ReceiveBuffers.Count;
        _freeBuffers = new int[count];
        for (int i = count - 1; i >= 0; i--) _freeBuffers[_freeCount++] = i;
        Description = $"kqueue: level-triggered, EVFILT_USER wake-up, {count} x {reactor.ReceiveBuffers.Size} B receive buffers; "
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

    private void EnsureSlot(int slot)
    {
        if (slot < _interest.Length) return;
        int size = Math.Max(_interest.Length * 2, slot + 1);
        Array.Resize(ref _interest, size);
        Array.Resize(ref _queuedTurn, size);
    }

    /// <summary>Brings the connection's filters in line with what it waits for; queues changes only on change.</summary>
    private void SetInterest(Connection c, bool read, bool write)
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

    private bool WantsRead(Connection c) => (c.State & ConnectionState.RecvArmed) != 0;

    private bool WaitsWritable(Connection c) => c.Slot < _interest.Length && (_interest[c.Slot] & WriteOn) != 0;

    // ---- operations ----

    public void StartAccept(Listener listener)
    {
        Queue(listener.Fd, LibC.EVFILT_READ, (ushort)(LibC.EV_ADD | LibC.EV_ENABLE), UserData.Pack(OpTag.Accept, 0, listener.Index));
        listener.Armed = true;
    }

    public void CloseListener(Listener listener)
    {
        Unqueue(listener.Fd);
        LibC.close(listener.Fd); // removes its filter
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
        // SIGPIPE is off through SO_NOSIGPIPE (set on the listener, inherited by accepted sockets).
        nint n = LibC.sendmsg(c.Fd, &msg, LibC.MSG_DONTWAIT);
        if (n < 0)
        {
            int e = BsdErrno.ToEngine((int)-n);
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
        // Completion is reported from the loop (EVFILT_WRITE), never from inside Connect itself.
        int rc = LibC.connect(c.Fd, (sockaddr*)sa, (uint)len);
        int e = rc < 0 ? BsdErrno.ToEngine(-rc) : 0;
        if (rc == 0 || e == Errno.EINPROGRESS)
        {
            SetInterest(c, read: false, write: true);
            return;
        }
        // Failed at once (ECONNREFUSED on loopback, ENETUNREACH): report it from the next turn.
        _reactor.Post(static s =>
        {
            var (backend, conn, generation, err) = ((KqueueBackend, Connection, uint, int))s!;
            if (conn.Generation == generation) backend._reactor.OnConnectCompleted(conn, -err);
        }, (this, c, c.Generation, e));
    }

    public void ShutdownWrite(Connection c) => LibC.shutdown(c.Fd, LibC.SHUT_WR);

    public void StartClose(Connection c)
    {
        EnsureSlot(c.Slot);
        if (_queuedTurn[c.Slot] == _turn) Unqueue(c.Fd);
        _interest[c.Slot] = 0;
        LibC.close(c.Fd); // removes both filters
        // Nothing stays in the kernel with kqueue: the operations end with the descriptor.
        c.State &= ~(ConnectionState.RecvArmed | ConnectionState.SendInFlight | ConnectionState.Connecting);
        _reactor.OnCloseCompleted(c);
    }

    public void CloseDescriptor(int fd) => LibC.close(fd);

    public void RecycleReceiveBuffer(int bufferId) => _freeBuffers[_freeCount++] = bufferId;

    // ---- the loop ----

    public void Poll(long timeoutMs)
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
                    Listener l = _reactor.ListenerAt(UserData.Slot(ud));
                    if ((ev.flags & LibC.EV_ERROR) != 0) OnListenerChangeFailed(l, ev);
                    else AcceptAll(l);
                    break;
                case OpTag.Wake:
                    _reactor.OnWake(); // EV_CLEAR: the trigger resets once reported
                    break;
                case OpTag.Recv:
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
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
            int err = Sockets.Socket.GetInt(c.Fd, Sockets.Socket.SOL_SOCKET, LibC.SO_ERROR);
            if (err == 0 && (ev.flags & LibC.EV_EOF) != 0 && ev.fflags != 0) err = (int)ev.fflags;
            SetInterest(c, read: false, write: false);
            _reactor.OnConnectCompleted(c, err > 0 ? -BsdErrno.ToEngine(err) : err);
            return;
        }
        // EV_EOF needs no branch of its own: recv drains what is left, then returns 0 (or the socket's error).
        if (ev.filter == LibC.EVFILT_READ)
        {
            if ((c.State & ConnectionState.RecvArmed) != 0) ReadSome(c);
        }
        else if (ev.filter == LibC.EVFILT_WRITE && WaitsWritable(c) && (c.State & ConnectionState.SendInFlight) != 0
            && c.Fd >= 0 && (c.State & ConnectionState.Closing) == 0)
        {
            TrySend(c);
        }
    }

    /// <summary>A queued change was refused (kevent.data: its errno): end what that filter was for.</summary>
    private void OnChangeFailed(Connection c, in kevent ev)
    {
        if (ev.data == 0 || (c.State & ConnectionState.Closing) != 0) return;
        int e = BsdErrno.ToEngine((int)ev.data);
        if (ev.filter == LibC.EVFILT_READ)
        {
            _interest[c.Slot] &= unchecked((byte)~ReadOn);
            if ((c.State & ConnectionState.RecvArmed) != 0) _reactor.OnReceiveStopped(c, -e);
        }
        else if (ev.filter == LibC.EVFILT_WRITE)
        {
            _interest[c.Slot] &= unchecked((byte)~WriteOn);
            if ((c.State & ConnectionState.Connecting) != 0) _reactor.OnConnectCompleted(c, -e);
            else if ((c.State & ConnectionState.SendInFlight) != 0) _reactor.OnSendCompleted(c, -e);
        }
    }

    private void OnListenerChangeFailed(Listener l, in kevent ev)
    {
        if (ev.data == 0 || !l.Armed) return;
        // Not watched: the reactor retries StartAccept shortly, as after EMFILE.
        _reactor.OnAcceptStopped(l, BsdErrno.ToEngine((int)ev.data));
    }

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
            nint n = LibC.recv(c.Fd, buffers.Address(id), (nuint)buffers.Size, LibC.MSG_DONTWAIT);
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
            int e = BsdErrno.ToEngine((int)-n);
            if (e == Errno.EAGAIN || e == Errno.EINTR) return;
            StopReceiving(c, -e);
            return;
        }
    }

    /// <summary>Disables the read filter and reports the end of the receive, as a final io_uring CQE would.</summary>
    private void StopReceiving(Connection c, int result)
    {
        SetInterest(c, read: false, write: WaitsWritable(c));
        _reactor.OnReceiveStopped(c, result);
    }

    private void AcceptAll(Listener l)
    {
        for (int i = 0; i < AcceptsPerEvent && l.Fd >= 0 && l.Active; i++)
        {
            // No accept4 on macOS. The new socket inherits O_NONBLOCK and SO_NOSIGPIPE from the listener
            // (BSD accept semantics; recv and sendmsg pass MSG_DONTWAIT regardless), but not FD_CLOEXEC.
            int fd = LibC.accept(l.Fd, null, null);
            if (fd >= 0)
            {
                LibC.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC);
                _reactor.OnAccepted(l, fd);
                continue;
            }
            int e = BsdErrno.ToEngine(-fd);
            if (e == Errno.EAGAIN || e == Errno.EINTR || e == Errno.ECONNABORTED) return;
            // EMFILE and friends: stop watching the listener; the reactor re-arms it shortly.
            Queue(l.Fd, LibC.EVFILT_READ, LibC.EV_DELETE, 0);
            _reactor.OnAcceptStopped(l, e);
            return;
        }
    }

    // ---- cross-thread wake-up ----

    public void Wake()
    {
        // kevent() is safe to call from any thread, while the reactor sleeps in its own kevent().
        kevent trigger = Change(WakeIdent, LibC.EVFILT_USER, 0, UserData.Pack(OpTag.Wake, 0, 0), LibC.NOTE_TRIGGER);
        LibC.kevent(_kq, &trigger, 1, null, 0, null);
    }

    public void Dispose()
    {
        LibC.close(_kq);
        NativeMemory.Free(_changes);
        NativeMemory.Free(_events);
        NativeMemory.Free(_iov);
    }
}
