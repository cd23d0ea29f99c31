using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Tmds.Linux;
using Uring.Native;
using static Uring.Native.IoUring;
using io_uring_cqe = Uring.Native.io_uring_cqe;
using io_uring_params = Uring.Native.io_uring_params;
using io_uring_sqe = Uring.Native.io_uring_sqe;

namespace Uring.Engine.IoUring;

/// <summary>
/// One io_uring instance: the SQ and CQ rings mapped into this process, SQEs written in place
/// (no P/Invoke per SQE) and one io_uring_enter per batch. Not thread-safe: with
/// IORING_SETUP_SINGLE_ISSUER and DEFER_TASKRUN the kernel only accepts submissions from the
/// thread that created the ring, so a ring is created and used on its reactor's thread.
/// </summary>
internal sealed unsafe class Ring : IDisposable
{
    private readonly int _ringFd;
    private int _enterFd;
    private uint _enterFlags;

    private readonly byte* _ringMap;
    private readonly nuint _ringMapSize;
    private readonly io_uring_sqe* _sqes;
    private readonly nuint _sqesSize;

    // SQ ring fields (shared with the kernel)
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _sqFlags;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private uint _sqeTail;      // next SQE to hand out (private until published)

    // CQ ring fields (shared with the kernel)
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint* _cqOverflow;
    private readonly io_uring_cqe* _cqes;
    private readonly uint _cqMask;
    private readonly uint _cqEntries;

    private bool _disposed;

    public RingFeatures Features { get; }
    public uint SetupFlags { get; }
    public uint SqEntries => _sqEntries;
    public uint CqEntries => _cqEntries;
    public int Fd => _ringFd;
    public bool RingFdRegistered => (_enterFlags & IORING_ENTER_REGISTERED_RING) != 0;

    private Ring(int fd, in io_uring_params p)
    {
        _ringFd = fd;
        _enterFd = fd;
        SetupFlags = p.flags;
        Features = new RingFeatures(p.features);

        if ((p.features & IORING_FEAT_SINGLE_MMAP) == 0)
            throw new IoUringUnavailableException("the kernel lacks IORING_FEAT_SINGLE_MMAP (needs 5.4+)", -ENOSYS);

        uint sqArraySize = (p.flags & IORING_SETUP_NO_SQARRAY) != 0 ? 0 : p.sq_entries * sizeof(uint);
        nuint sqSize = p.sq_off.array + sqArraySize;
        nuint cqSize = p.cq_off.cqes + p.cq_entries * (uint)sizeof(io_uring_cqe);
        _ringMapSize = Math.Max(sqSize, cqSize);
        _ringMap = (byte*)Map(fd, _ringMapSize, IORING_OFF_SQ_RING);

        _sqesSize = p.sq_entries * (uint)sizeof(io_uring_sqe);
        try
        {
            _sqes = (io_uring_sqe*)Map(fd, _sqesSize, IORING_OFF_SQES);
        }
        catch
        {
            LibC.munmap(_ringMap, (size_t)(ulong)_ringMapSize);
            throw;
        }

        _sqHead = (uint*)(_ringMap + p.sq_off.head);
        _sqTail = (uint*)(_ringMap + p.sq_off.tail);
        _sqFlags = (uint*)(_ringMap + p.sq_off.flags);
        _sqMask = *(uint*)(_ringMap + p.sq_off.ring_mask);
        _sqEntries = *(uint*)(_ringMap + p.sq_off.ring_entries);
        _sqeTail = *_sqTail;
        if (sqArraySize != 0)
        {
            // Identity map the indirection array once; SQE i always sits in slot i.
            uint* array = (uint*)(_ringMap + p.sq_off.array);
            for (uint i = 0; i < _sqEntries; i++) array[i] = i;
        }

        _cqHead = (uint*)(_ringMap + p.cq_off.head);
        _cqTail = (uint*)(_ringMap + p.cq_off.tail);
        _cqOverflow = (uint*)(_ringMap + p.cq_off.overflow);
        _cqes = (io_uring_cqe*)(_ringMap + p.cq_off.cqes);
        _cqMask = *(uint*)(_ringMap + p.cq_off.ring_mask);
        _cqEntries = *(uint*)(_ringMap + p.cq_off.ring_entries);
    }

    /// <summary>Creates a ring, dropping set-up flags the kernel refuses one by one.</summary>
    public static Ring Create(RingOptions options)
    {
        uint flags = options.SetupFlags | IORING_SETUP_CQSIZE;
        int enomemRetries = 0;
        while (true)
        {
            io_uring_params p = default;
            p.flags = flags;
            p.cq_entries = options.CqEntries;
            int fd = io_uring_setup(options.SqEntries, &p);
            if (fd >= 0)
            {
                var ring = new Ring(fd, p);
                if (options.RegisterRingFd) ring.TryRegisterRingFd();
                return ring;
            }

            switch (-fd)
            {
                case EINVAL:
                    // Drop the newest optional flag first; each depends only on older ones.
                    uint drop = RingOptions.NextFlagToDrop(flags);
                    if (drop == 0) throw new IoUringUnavailableException("io_uring_setup refused every flag combination", fd);
                    flags &= ~drop;
                    continue;
                case ENOMEM when enomemRetries++ < 20:
                    // A closed ring's locked memory is returned asynchronously; give the kernel a moment.
                    Thread.Sleep(10);
                    continue;
                default:
                    throw new IoUringUnavailableException($"io_uring_setup failed: {Errno.Name(-fd)}", fd);
            }
        }
    }

    private static void* Map(int fd, nuint size, long offset)
    {
        void* p = LibC.mmap(null, (size_t)(ulong)size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED | LibC.MAP_POPULATE, fd, offset);
        if (p == (void*)-1) throw new IoUringUnavailableException($"mmap of the ring failed: {Errno.Name(LibC.errno)}", -LibC.errno);
        return p;
    }

    private void TryRegisterRingFd()
    {
        io_uring_rsrc_update up = default;
        up.offset = uint.MaxValue; // let the kernel pick a slot
        up.data = (ulong)_ringFd;
        int rc = io_uring_register(_ringFd, IORING_REGISTER_RING_FDS, &up, 1);
        if (rc == 1)
        {
            _enterFd = (int)up.offset;
            _enterFlags = IORING_ENTER_REGISTERED_RING;
        }
    }

    /// <summary>SQEs written but not yet handed to the kernel.</summary>
    public uint Pending => _sqeTail - *_sqTail; // only this thread writes the SQ tail

    /// <summary>Free SQE slots right now.</summary>
    public uint SqSpace => _sqEntries - (_sqeTail - Volatile.Read(ref *_sqHead));

    /// <summary>
    /// Returns a zeroed SQE to fill, submitting what is queued first when the SQ is full.
    /// The SQE reaches the kernel at the next <see cref="Submit"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public io_uring_sqe* GetSqe()
    {
        if (_sqeTail - Volatile.Read(ref *_sqHead) >= _sqEntries) SubmitWhenFull();
        io_uring_sqe* sqe = &_sqes[_sqeTail & _sqMask];
        _sqeTail++;
        *sqe = default;
        return sqe;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SubmitWhenFull()
    {
        while (_sqeTail - Volatile.Read(ref *_sqHead) >= _sqEntries)
        {
            int rc = Submit(0, -1);
            if (rc < 0 && rc != -EAGAIN && rc != -EBUSY && rc != -EINTR)
                throw new InvalidOperationException($"io_uring_enter failed while the SQ was full: {Errno.Name(-rc)}");
        }
    }

    /// <summary>
    /// Publishes queued SQEs and, when <paramref name="waitNr"/> &gt; 0, waits for that many
    /// completions or <paramref name="timeoutNs"/> (negative: no limit) in the same syscall.
    /// <paramref name="getEvents"/> enters even with nothing to submit, which a DEFER_TASKRUN ring
    /// needs for the kernel to post completions at all. Returns the number submitted or -errno
    /// (-ETIME when the wait timed out).
    /// </summary>
    public int Submit(uint waitNr, long timeoutNs, bool getEvents = false)
    {
        uint toSubmit = _sqeTail - *_sqTail;
        Volatile.Write(ref *_sqTail, _sqeTail);

        uint flags = _enterFlags;
        if (waitNr > 0 || getEvents || CqNeedsFlush) flags |= IORING_ENTER_GETEVENTS;
        else if (toSubmit == 0) return 0;

        if (waitNr > 0 && timeoutNs >= 0 && Features.ExtArg)
        {
            __kernel_timespec ts;
            ts.tv_sec = timeoutNs / 1_000_000_000;
            ts.tv_nsec = timeoutNs % 1_000_000_000;
            io_uring_getevents_arg arg = default;
            arg.ts = (ulong)&ts;
            return io_uring_enter(_enterFd, toSubmit, waitNr, flags | IORING_ENTER_EXT_ARG, &arg, (nuint)sizeof(io_uring_getevents_arg));
        }
        return io_uring_enter(_enterFd, toSubmit, waitNr, flags, null, 0);
    }

    /// <summary>True when completions are held back by the kernel (CQ overflow) or deferred task
    /// work is waiting: an enter with GETEVENTS flushes them into the CQ.</summary>
    public bool CqNeedsFlush => (Volatile.Read(ref *_sqFlags) & (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN)) != 0;

    /// <summary>Completions the kernel could not post at all (only on kernels without FEAT_NODROP).</summary>
    public uint CqOverflowCount => Volatile.Read(ref *_cqOverflow);

    /// <summary>Number of completions ready to read.</summary>
    public uint CqReady => Volatile.Read(ref *_cqTail) - *_cqHead;

    /// <summary>
    /// Copies up to <paramref name="max"/> completions into <paramref name="into"/> and frees their
    /// CQ slots with one head update. Copying first lets a handler submit (and so make the kernel
    /// post) while the batch is processed without overrunning what it is reading.
    /// </summary>
    public int DrainCompletions(io_uring_cqe* into, int max)
    {
        uint head = *_cqHead;
        uint tail = Volatile.Read(ref *_cqTail);
        int n = 0;
        while (head != tail && n < max)
        {
            into[n++] = _cqes[head & _cqMask];
            head++;
        }
        if (n > 0) Volatile.Write(ref *_cqHead, head);
        return n;
    }

    /// <summary>Registers fixed buffers (IORING_REGISTER_BUFFERS). Returns 0 or -errno.</summary>
    public int RegisterBuffers(iovec* iovecs, uint count) => io_uring_register(_ringFd, IORING_REGISTER_BUFFERS, iovecs, count);

    public int Register(uint opcode, void* arg, uint nrArgs) => io_uring_register(_ringFd, opcode, arg, nrArgs);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        LibC.munmap(_sqes, (size_t)(ulong)_sqesSize);
        LibC.munmap(_ringMap, (size_t)(ulong)_ringMapSize);
        LibC.close(_ringFd);
    }

    private const int EINVAL = 22, ENOMEM = 12, ENOSYS = 38, EAGAIN = 11, EBUSY = 16, EINTR = 4;
}
