using System;
using BenchmarkDotNet.Attributes;
using Uring.Engine.Memory;

namespace Uring.Benchmarks.Memory;

/// <summary>
/// A reactor's native heap (<see cref="NativeHeap"/>) over mimalloc's mi_heap versus NativeMemory
/// (glibc malloc), for the small native structures it holds: 64–512 B. Pair = one alloc and its free,
/// the LIFO best case; Batch = 64 allocs then 64 frees in allocation order, closer to a reactor's
/// churn (time is per alloc/free pair). The heap is made in GlobalSetup, on the thread that runs the
/// workload (BenchmarkDotNet runs both on one thread), as an mi_heap requires.
/// Run: dotnet run -c Release --project perf/Uring.Benchmarks -- --filter '*NativeHeap*'
/// </summary>
[MemoryDiagnoser]
public unsafe class NativeHeapBenchmarks
{
    private const int BatchSize = 64;

    private NativeHeap? _heap;
    private readonly nint[] _blocks = new nint[BatchSize];

    [Params(NativeHeapKind.Mimalloc, NativeHeapKind.NativeMemory)]
    public NativeHeapKind Kind { get; set; }

    [Params(64, 128, 256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _heap = NativeHeap.Create(Kind);

    [GlobalCleanup]
    public void Cleanup() => _heap?.Dispose();

    [Benchmark]
    public void Pair()
    {
        NativeHeap heap = _heap!;
        byte* p = (byte*)heap.Alloc((nuint)Size);
        *p = 1; // touch it, as a caller would
        heap.Free(p);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void Batch()
    {
        NativeHeap heap = _heap!;
        Span<nint> blocks = _blocks;
        for (int i = 0; i < blocks.Length; i++)
        {
            byte* p = (byte*)heap.Alloc((nuint)Size);
            *p = (byte)i;
            blocks[i] = (nint)p;
        }
        for (int i = 0; i < blocks.Length; i++) heap.Free((void*)blocks[i]);
    }
}
