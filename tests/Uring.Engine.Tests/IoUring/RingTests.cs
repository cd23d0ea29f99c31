#if URING_BACKEND_IOURING
using System.Collections.Generic;
using Uring.Engine.IoUring;
using Uring.Native;
using Xunit;
using static Uring.Native.IoUring;

namespace Uring.Engine.Tests.IoUring;

/// <summary>The ring itself against the running kernel: set-up flags, NOP and timeout round trips, probe, CQ overflow.</summary>
public unsafe class RingTests
{
    [Fact]
    public void Sets_up_with_the_modern_flags_on_this_kernel()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 64, CqEntries = 256 });
        // Linux 6.1+ accepts all of them; older kernels drop flags one by one (see RingOptions).
        Assert.NotEqual(0u, ring.SetupFlags & IORING_SETUP_SINGLE_ISSUER);
        Assert.NotEqual(0u, ring.SetupFlags & IORING_SETUP_DEFER_TASKRUN);
        Assert.NotEqual(0u, ring.SetupFlags & IORING_SETUP_COOP_TASKRUN);
        Assert.Equal(64u, ring.SqEntries);
        Assert.Equal(256u, ring.CqEntries);
        Assert.True(ring.Features.NoDrop);
        Assert.True(ring.Features.ExtArg);
    }

    [Fact]
    public void Drops_a_refused_flag_and_keeps_the_rest()
    {
        // IORING_SETUP_SQE128 with CQE32 is valid; an unknown high bit is not: the kernel answers
        // EINVAL, and the fallback must drop only known optional flags before giving up.
        Assert.Equal(IORING_SETUP_NO_SQARRAY, RingOptions.NextFlagToDrop(RingOptions.DefaultFlags));
        uint flags = RingOptions.DefaultFlags;
        var dropped = new List<uint>();
        for (uint f; (f = RingOptions.NextFlagToDrop(flags)) != 0; flags &= ~f) dropped.Add(f);
        Assert.Equal(new[] { IORING_SETUP_NO_SQARRAY, IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_SINGLE_ISSUER, IORING_SETUP_COOP_TASKRUN, IORING_SETUP_SUBMIT_ALL }, dropped);
    }

    [Fact]
    public void Nop_round_trip_returns_its_user_data()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 16 });
        Sqe.Nop(ring.GetSqe(), 0xDEADBEEF);
        Assert.Equal(1, ring.Submit(1, -1, getEvents: true));
        io_uring_cqe cqe;
        Assert.Equal(1, ring.DrainCompletions(&cqe, 1));
        Assert.Equal(0xDEADBEEFUL, cqe.user_data);
        Assert.Equal(0, cqe.res);
    }

    [Fact]
    public void Timeout_completes_with_ETIME()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 16 });
        __kernel_timespec ts = new() { tv_sec = 0, tv_nsec = 20_000_000 };
        Sqe.Timeout(ring.GetSqe(), &ts, 0, 0, 42);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        ring.Submit(1, -1, getEvents: true);
        io_uring_cqe cqe;
        Assert.Equal(1, ring.DrainCompletions(&cqe, 1));
        Assert.Equal(42UL, cqe.user_data);
        Assert.Equal(-Errno.ETIME, cqe.res);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds >= 15);
    }

    [Fact]
    public void Wait_with_a_timeout_returns_ETIME_when_nothing_completes()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 16 });
        int rc = ring.Submit(1, 10_000_000, getEvents: true);
        Assert.Equal(-Errno.ETIME, rc);
    }

    [Fact]
    public void Probe_reports_the_opcodes_the_engine_needs()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 16 });
        OpcodeProbe probe = OpcodeProbe.Run(ring);
        foreach (byte op in new[] { IORING_OP_NOP, IORING_OP_ACCEPT, IORING_OP_RECV, IORING_OP_SEND, IORING_OP_SENDMSG,
                     IORING_OP_CONNECT, IORING_OP_CLOSE, IORING_OP_ASYNC_CANCEL, IORING_OP_MSG_RING, IORING_OP_SEND_ZC, IORING_OP_SHUTDOWN })
            Assert.True(probe.Supports(op), $"opcode {op}");
        Assert.True(probe.LastOp >= IORING_OP_SEND_ZC);
    }

    [Fact]
    public void Completions_beyond_the_CQ_size_are_held_by_the_kernel_and_none_is_lost()
    {
        using Ring ring = Ring.Create(new RingOptions { SqEntries = 64, CqEntries = 64 });
        const int total = 64 * 5; // five times the CQ
        for (int i = 0; i < total; i++)
        {
            Sqe.Nop(ring.GetSqe(), (ulong)i); // GetSqe submits by itself whenever the SQ fills
        }
        ring.Submit(0, -1, getEvents: true);
        Assert.True(ring.CqNeedsFlush, "the kernel should report the CQ overflow");

        var seen = new bool[total];
        int count = 0;
        io_uring_cqe* batch = stackalloc io_uring_cqe[32];
        for (int round = 0; round < 100 && count < total; round++)
        {
            int n;
            while ((n = ring.DrainCompletions(batch, 32)) > 0)
                for (int i = 0; i < n; i++)
                {
                    Assert.False(seen[batch[i].user_data]);
                    seen[batch[i].user_data] = true;
                    count++;
                }
            ring.Submit(0, -1, getEvents: true); // flushes the overflow list into the CQ
        }
        Assert.Equal(total, count);
        Assert.Equal(0u, ring.CqOverflowCount); // FEAT_NODROP: nothing was dropped
    }
}
#endif
