using System;
using System.Net;
using System.Runtime.InteropServices;
using Tmds.Linux;
using Uring.Native;
using static Uring.Native.IoUring;
using io_uring_cqe = Uring.Native.io_uring_cqe;
using io_uring_params = Uring.Native.io_uring_params;
using io_uring_sqe = Uring.Native.io_uring_sqe;

namespace Uring.Engine.IoUring;

/// <summary>
/// The io_uring backend: multishot accept, multishot recv into a provided-buffer ring, one send
/// (or sendmsg over several blocks) per connection per turn, and one io_uring_enter per loop turn
/// that both submits and waits. See <see cref="UserData"/> for how completions find their owner.
/// </summary>
internal sealed unsafe class IoUringBackend : IIoBackend
{
    private const int CqeBatch = 512;
    private const int MaxIovecs = 64;
    private const int ScratchSize = 256 * 1024;
    private const uint MSG_NOSIGNAL = 0x4000;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int SHUT_WR = 1;

    private readonly Reactor _reactor;
    private readonly Ring _ring;
    private readonly ProvidedBufferRing _bufferRing;
    private readonly io_uring_cqe* _cqes;
    // msghdr/iovec/sockaddr memory for SQEs of this turn. With IORING_FEAT_SUBMIT_STABLE the kernel
    // has copied them once the SQE is submitted, so the scratch is reused after every enter.
    private readonly byte* _scratch;
    private int _scratchUsed;
    private int _buffersWithKernel;
    private readonly bool _arenaRegistered;
    private readonly int _zeroCopyThreshold;

    public string Name => "io_uring";
    public string Description { get; }
    public bool CanReceive => _buffersWithKernel > 0;
    internal Ring Ring => _ring;

    public IoUringBackend(Reactor reactor)
    {
        _reactor = reactor;
        ServerOptions o = reactor.Options;
        _ring = Ring.Create(new RingOptions { SqEntries = (uint)o.RingEntries, CqEntries = (uint)o.RingEntries * 4 });
        try
        {
            OpcodeProbe probe = OpcodeProbe.Run(_ring);
            probe.Require(IORING_OP_ACCEPT, "IORING_OP_ACCEPT");
            probe.Require(IORING_OP_RECV, "IORING_OP_RECV");
            probe.Require(IORING_OP_SEND, "IORING_OP_SEND");
            probe.Require(IORING_OP_SENDMSG, "IORING_OP_SENDMSG");
            probe.Require(IORING_OP_CONNECT, "IORING_OP_CONNECT");
            probe.Require(IORING_OP_CLOSE, "IORING_OP_CLOSE");
            probe.Require(IORING_OP_SHUTDOWN, "IORING_OP_SHUTDOWN");
            probe.Require(IORING_OP_MSG_RING, "IORING_OP_MSG_RING");
            // Multishot recv arrived in 6.0 together with SEND_ZC; without it the design does not hold.
            probe.Require(IORING_OP_SEND_ZC, "multishot recv (kernel 6.0+)");
            if (!_ring.Features.SubmitStable) throw new IoUringUnavailableException("the kernel lacks IORING_FEAT_SUBMIT_STABLE", -Errno.ENOSYS);

            _bufferRing = new ProvidedBufferRing(_ring, 0, reactor.ReceiveBuffers);
            string registration = "not registered";
            if (o.RegisterBuffers)
            {
                // The whole arena as fixed buffer 0: pinned once here instead of on every zero-copy send.
                iovec arena = default;
                arena.iov_base = reactor.Arena.Base;
                arena.iov_len = (size_t)(ulong)reactor.Arena.Size;
                int rc = _ring.RegisterBuffers(&arena, 1);
                _arenaRegistered = rc == 0;
                registration = rc == 0 ? "registered" : $"not registered ({Errno.Name(-rc)}{(rc == -Errno.ENOMEM ? ": RLIMIT_MEMLOCK too low" : "")})";
            }
            _zeroCopyThreshold = o.SendZeroCopyThreshold;
            _buffersWithKernel = reactor.ReceiveBuffers.Count;
            _cqes = (io_uring_cqe*)NativeMemory.AlignedAlloc((nuint)(CqeBatch * sizeof(io_uring_cqe)), 64);
            _scratch = (byte*)NativeMemory.AlignedAlloc(ScratchSize, 64);
            Description = $"io_uring: setup {RingOptions.Describe(_ring.SetupFlags)}, sq {_ring.SqEntries}, cq {_ring.CqEntries}, "
                + $"ring fd {(_ring.RingFdRegistered ? "registered" : "plain")}, probe {probe}, "
                + $"buffer ring {reactor.ReceiveBuffers.Count} x {reactor.ReceiveBuffers.Size} B, arena {registration}, "
                + (_zeroCopyThreshold > 0 ? $"SEND_ZC from {_zeroCopyThreshold} B" : "SEND_ZC off");
        }
        catch
        {
            _ring.Dispose();
            throw;
        }
    }

    private ulong Tag(OpTag op, Connection c) => UserData.Pack(op, c.Generation, c.Slot);

    // ---- operations ----

    public void StartAccept(Listener listener, bool multishot)
    {
        io_uring_sqe* sqe = _ring.GetSqe();
        Sqe.MultishotAccept(sqe, listener.Fd, SOCK_CLOEXEC, UserData.Pack(OpTag.Accept, 0, listener.Index));
        if (!multishot) sqe->ioprio = 0;
        listener.Armed = true;
    }

    // The accept's last CQE (-ECANCELED) clears Armed.
    public void StopAccept(Listener listener)
        => Sqe.CancelUserData(_ring.GetSqe(), UserData.Pack(OpTag.Accept, 0, listener.Index), UserData.Ignored);

    public void CloseListener(Listener listener)
    {
        io_uring_sqe* cancel = _ring.GetSqe();
        Sqe.CancelFd(cancel, listener.Fd, UserData.Ignored);
        cancel->flags |= IOSQE_IO_HARDLINK; // close even when there was nothing to cancel
        Sqe.Close(_ring.GetSqe(), listener.Fd, UserData.Pack(OpTag.CloseListener, 0, listener.Index));
    }

    public void StartReceive(Connection c) => Sqe.MultishotRecv(_ring.GetSqe(), c.Fd, _bufferRing.Group, Tag(OpTag.Recv, c));

    public void StopReceive(Connection c) => Sqe.CancelUserData(_ring.GetSqe(), Tag(OpTag.Recv, c), UserData.Ignored);

    public void StartSend(Connection c)
    {
        bool zeroCopy = _zeroCopyThreshold > 0 && c.Output.Bytes >= _zeroCopyThreshold;
        byte* first = c.Output.First(out int firstLength);
        if (firstLength == c.Output.Bytes)
        {
            if (!zeroCopy) Sqe.Send(_ring.GetSqe(), c.Fd, first, (uint)firstLength, MSG_NOSIGNAL, Tag(OpTag.Send, c));
            else if (_arenaRegistered && _reactor.Arena.Contains(first, firstLength))
                Sqe.SendZcFixed(_ring.GetSqe(), c.Fd, first, (uint)firstLength, 0, MSG_NOSIGNAL, Tag(OpTag.SendZc, c));
            else Sqe.SendZc(_ring.GetSqe(), c.Fd, first, (uint)firstLength, MSG_NOSIGNAL, Tag(OpTag.SendZc, c));
            return;
        }
        int size = sizeof(msghdr) + MaxIovecs * sizeof(iovec);
        byte* mem = Scratch(size);
        var msg = (msghdr*)mem;
        var iov = (iovec*)(mem + sizeof(msghdr));
        *msg = default;
        int count = c.Output.FillIovecs((Buffers.IoVector*)iov, MaxIovecs, out _);
        msg->msg_iov = iov;
        msg->msg_iovlen = count;
        if (zeroCopy) Sqe.SendMsgZc(_ring.GetSqe(), c.Fd, msg, MSG_NOSIGNAL, Tag(OpTag.SendZc, c));
        else Sqe.SendMsg(_ring.GetSqe(), c.Fd, msg, MSG_NOSIGNAL, Tag(OpTag.Send, c));
    }

    public void StartConnect(Connection c, IPEndPoint remote)
    {
        byte* sa = Scratch(Sockets.SocketAddress.MaxSize);
        int len = Sockets.SocketAddress.Write(remote, sa);
        c.State |= ConnectionState.Connecting;
        Sqe.Connect(_ring.GetSqe(), c.Fd, sa, (uint)len, Tag(OpTag.Connect, c));
    }

    // A plain shutdown(2), not IORING_OP_SHUTDOWN: the kernel always punts that op to io-wq
    // (io_shutdown_prep sets REQ_F_FORCE_ASYNC) and looks the fd number up only when a worker
    // runs it, by which time the close may have completed and accept reused the number: the FIN
    // then lands on the next connection (seen as EPIPE on its first send).
    public void ShutdownWrite(Connection c) => LibC.shutdown(c.Fd, SHUT_WR);

    public void StartClose(Connection c)
    {
        if ((c.State & (ConnectionState.RecvArmed | ConnectionState.SendInFlight | ConnectionState.Connecting)) != 0)
        {
            // An in-flight operation holds a reference to the socket: closing the descriptor
            // alone would leave it open. Cancel everything on the fd, then close.
            io_uring_sqe* cancel = _ring.GetSqe();
            Sqe.CancelFd(cancel, c.Fd, UserData.Ignored);
            cancel->flags |= IOSQE_IO_HARDLINK;
        }
        Sqe.Close(_ring.GetSqe(), c.Fd, Tag(OpTag.Close, c));
    }

    public void CloseDescriptor(int fd) => Sqe.Close(_ring.GetSqe(), fd, UserData.Ignored);

    public void RecycleReceiveBuffer(int bufferId)
    {
        _bufferRing.Add(bufferId);
        _buffersWithKernel++;
    }

    private byte* Scratch(int size)
    {
        size = (size + 63) & ~63;
        if (_scratchUsed + size > ScratchSize)
        {
            // Hand what refers to the scratch to the kernel (which copies it), then reuse it.
            _ring.Submit(0, -1);
            _scratchUsed = 0;
        }
        byte* p = _scratch + _scratchUsed;
        _scratchUsed += size;
        return p;
    }

    // ---- the loop's one syscall ----

    public void Poll(long timeoutMs)
    {
        _bufferRing.Publish();
        int rc = timeoutMs == 0
            ? _ring.Submit(0, -1, getEvents: true)
            : _ring.Submit(1, timeoutMs * 1_000_000, getEvents: true);
        _scratchUsed = 0;
        _reactor.RefreshClock();
        if (rc < 0 && rc != -Errno.ETIME && rc != -Errno.EINTR && rc != -Errno.EAGAIN && rc != -Errno.EBUSY)
            throw new InvalidOperationException($"io_uring_enter failed: {Errno.Name(-rc)}");

        for (int round = 0; round < 4; round++)
        {
            int n;
            do
            {
                n = _ring.DrainCompletions(_cqes, CqeBatch);
                for (int i = 0; i < n; i++) Dispatch(in _cqes[i]);
            }
            while (n == CqeBatch);
            // Completions held back by a full CQ (overflow) are flushed by another enter.
            if (!_ring.CqNeedsFlush) break;
            _bufferRing.Publish();
            _ring.Submit(0, -1, getEvents: true);
            _scratchUsed = 0;
        }
    }

    private void Dispatch(in io_uring_cqe cqe)
    {
        ulong ud = cqe.user_data;
        int res = cqe.res;
        switch (UserData.Op(ud))
        {
            case OpTag.Recv:
                {
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if ((cqe.flags & IORING_CQE_F_BUFFER) != 0)
                    {
                        int id = (int)(cqe.flags >> IORING_CQE_BUFFER_SHIFT);
                        _buffersWithKernel--;
                        _reactor.OnBufferTaken(id);
                        if (c is not null && res > 0) _reactor.OnReceived(c, id, res);
                        else _reactor.RecycleBuffer(id);
                    }
                    if ((cqe.flags & IORING_CQE_F_MORE) == 0 && c is not null)
                        _reactor.OnReceiveStopped(c, res > 0 ? 1 : res);
                    break;
                }
            case OpTag.Send:
                {
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is not null) _reactor.OnSendCompleted(c, res);
                    break;
                }
            case OpTag.SendZc:
                {
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is null) break;
                    // The send's result comes first (F_MORE: a notification follows); the blocks may be
                    // reused only once the F_NOTIF completion says the kernel has let go of them.
                    if ((cqe.flags & IORING_CQE_F_NOTIF) != 0) _reactor.OnSendCompleted(c, c.ZeroCopyResult);
                    else if ((cqe.flags & IORING_CQE_F_MORE) != 0) c.ZeroCopyResult = res;
                    else _reactor.OnSendCompleted(c, res);
                    break;
                }
            case OpTag.Accept:
                {
                    Listener l = _reactor.ListenerAt(UserData.Slot(ud));
                    if (res >= 0) _reactor.OnAccepted(l, res);
                    if ((cqe.flags & IORING_CQE_F_MORE) == 0)
                        _reactor.OnAcceptStopped(l, res < 0 && res != -Errno.ECANCELED ? -res : 0);
                    break;
                }
            case OpTag.Connect:
                {
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is not null) _reactor.OnConnectCompleted(c, res);
                    break;
                }
            case OpTag.Close:
                {
                    Connection? c = _reactor.ConnectionAt(UserData.Slot(ud), UserData.Generation(ud));
                    if (c is not null) _reactor.OnCloseCompleted(c);
                    break;
                }
            case OpTag.CloseListener:
                _reactor.OnListenerClosed(_reactor.ListenerAt(UserData.Slot(ud)));
                break;
            case OpTag.Wake:
                _reactor.OnWake();
                break;
        }
    }

    // ---- cross-thread wake-up ----

    public void Wake()
    {
        ulong payload = UserData.Pack(OpTag.Wake, 0, 0);
        if (Reactor.Current?.Backend is IoUringBackend own && own != this)
        {
            // From another reactor: its own ring carries the message at its next enter.
            io_uring_sqe* sqe = own._ring.GetSqe();
            Sqe.MsgRingData(sqe, _ring.Fd, 0, payload, UserData.Ignored);
            sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
            return;
        }
        SharedWakeRing.Send(_ring.Fd, payload);
    }

    public void Dispose()
    {
        _bufferRing?.Dispose();
        _ring.Dispose();
        if (_cqes != null) NativeMemory.AlignedFree(_cqes);
        if (_scratch != null) NativeMemory.AlignedFree(_scratch);
    }
}
