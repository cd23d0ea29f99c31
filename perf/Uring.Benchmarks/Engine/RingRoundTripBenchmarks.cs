#if URING_BACKEND_IOURING // the ring exists only in builds with the io_uring backend
using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Uring.Engine.IoUring;
using Uring.Native;
using IoRing = Uring.Engine.IoUring.Ring;

namespace Uring.Benchmarks.Engine;

/// <summary>
/// The cost of one submit/complete round trip through the engine's <see cref="IoRing"/>: SQEs
/// written in place, one io_uring_enter that submits and waits, one CQ drain. NOPs complete
/// inline in the kernel, so this isolates the ring's own overhead (syscall + SQ/CQ bookkeeping)
/// from any socket work. Nop1 = one NOP per enter; Nop32 = a batch of 32 NOPs per enter (the
/// reported time is per enter; divide by 32 for per-NOP).
/// </summary>
[MemoryDiagnoser]
public unsafe class RingRoundTripBenchmarks
{
    private const int BatchSize = 32;

    private IoRing? _ring;
    private io_uring_cqe* _cqes;

    /// <summary>
    /// Reactor: the reactor's flags (SINGLE_ISSUER | DEFER_TASKRUN | COOP_TASKRUN | SUBMIT_ALL |
    /// NO_SQARRAY), which tie the ring to the thread that created it. BenchmarkDotNet runs
    /// GlobalSetup and the workload on the same thread; were that ever to change, the enter would
    /// fail with EEXIST and the benchmark would throw rather than measure something else.
    /// None: no set-up flags, the kernel's default task-work mode, usable from any thread.
    /// </summary>
    [Params("Reactor", "None")]
    public string Flags { get; set; } = "Reactor";

    [GlobalSetup]
    public void Setup()
    {
        _ring = IoRing.Create(new RingOptions
        {
            SqEntries = 64,
            CqEntries = 256,
            SetupFlags = Flags == "Reactor" ? RingOptions.DefaultFlags : 0,
        });
        _cqes = (io_uring_cqe*)NativeMemory.Alloc((nuint)BatchSize, (nuint)sizeof(io_uring_cqe));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring?.Dispose();
        NativeMemory.Free(_cqes);
    }

    [Benchmark(Baseline = true)]
    public int Nop1() => RoundTrip(1);

    [Benchmark]
    public int Nop32() => RoundTrip(BatchSize);

    private int RoundTrip(int count)
    {
        IoRing ring = _ring!;
        for (int i = 0; i < count; i++) Sqe.Nop(ring.GetSqe(), (ulong)i);

        int rc = ring.Submit((uint)count, -1);
        if (rc != count) Fail(rc);

        int reaped = 0;
        while (reaped < count) reaped += ring.DrainCompletions(_cqes, BatchSize);
        return reaped;
    }

    private static void Fail(int rc)
        => throw new InvalidOperationException($"io_uring_enter returned {rc} (negative = -errno; -17 EEXIST means another thread submitted to a SINGLE_ISSUER ring)");
}
#endif
