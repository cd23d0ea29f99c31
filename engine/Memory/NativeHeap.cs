using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Uring.Native;

namespace Uring.Engine.Memory;

/// <summary>
/// A reactor's heap for native structures that are not I/O buffers (HPACK tables, header stores):
/// a mimalloc <c>mi_heap</c> of its own, or <see cref="System.Runtime.InteropServices.NativeMemory"/>
/// where libmimalloc is absent or not wanted.
/// <para>Thread rule: create, allocate from and dispose the heap on the reactor's thread only. A
/// mimalloc heap's free lists belong to the thread that created it (mimalloc.h, "Heap Allocation":
/// allocating from another thread is undefined); Debug builds assert it. Freeing is allowed from any
/// thread: mimalloc queues a foreign thread's free to the owning heap.</para>
/// </summary>
public sealed unsafe class NativeHeap : IDisposable
{
    private readonly bool _mimalloc;
    private readonly int _ownerThread;
    private mi_heap_t* _heap; // null for NativeMemory, and once disposed

    private NativeHeap(NativeHeapKind kind, mi_heap_t* heap)
    {
        Kind = kind;
        _mimalloc = kind == NativeHeapKind.Mimalloc;
        _heap = heap;
        _ownerThread = Environment.CurrentManagedThreadId;
    }

    /// <summary><see cref="NativeHeapKind.Mimalloc"/> or <see cref="NativeHeapKind.NativeMemory"/>, never Auto.</summary>
    public NativeHeapKind Kind { get; }

    /// <summary>A heap owned by the calling thread.</summary>
    /// <exception cref="InvalidOperationException">Mimalloc was asked for and libmimalloc.so.2 is absent.</exception>
    public static NativeHeap Create(NativeHeapKind kind = NativeHeapKind.Auto)
    {
        NativeHeapKind resolved = Resolve(kind, Native.Mimalloc.IsAvailable);
        if (resolved == NativeHeapKind.NativeMemory) return new NativeHeap(resolved, null);
        mi_heap_t* heap = Native.Mimalloc.mi_heap_new();
        if (heap == null) throw new OutOfMemoryException("mi_heap_new failed");
        return new NativeHeap(resolved, heap);
    }

    /// <summary>The kind <paramref name="requested"/> comes to: Auto is mimalloc where present. Measured here
    /// (perf/Uring.Benchmarks/Memory/NativeHeapBenchmarks.cs, 64–512 B) it took 7–9 ns per alloc/free pair
    /// in batches of 64 against NativeMemory's 35–39 ns, and 16–18 ns against 29–36 ns for a lone pair.</summary>
    public static NativeHeapKind Resolve(NativeHeapKind requested, bool mimallocAvailable) => requested switch
    {
        NativeHeapKind.Auto => mimallocAvailable ? NativeHeapKind.Mimalloc : NativeHeapKind.NativeMemory,
        NativeHeapKind.Mimalloc when !mimallocAvailable =>
            throw new InvalidOperationException($"a mimalloc heap was asked for but {Native.Mimalloc.Library} is not loadable"),
        _ => requested,
    };

    /// <summary><paramref name="size"/> uninitialised bytes, aligned for any primitive type. Free with <see cref="Free"/>.</summary>
    public void* Alloc(nuint size)
    {
        AssertOwner();
        if (!_mimalloc) return NativeMemory.Alloc(size);
        void* p = Native.Mimalloc.mi_heap_malloc(Heap, size);
        return p != null ? p : ThrowOutOfMemory(size);
    }

    /// <summary><paramref name="size"/> zeroed bytes. Free with <see cref="Free"/>.</summary>
    public void* AllocZeroed(nuint size)
    {
        AssertOwner();
        if (!_mimalloc) return NativeMemory.AllocZeroed(size);
        void* p = Native.Mimalloc.mi_heap_zalloc(Heap, size);
        return p != null ? p : ThrowOutOfMemory(size);
    }

    /// <summary><paramref name="size"/> bytes at a multiple of <paramref name="alignment"/> (a power of two).
    /// Free with <see cref="FreeAligned"/>: NativeMemory requires its aligned blocks back through AlignedFree.</summary>
    public void* AllocAligned(nuint size, nuint alignment)
    {
        AssertOwner();
        if (!_mimalloc) return NativeMemory.AlignedAlloc(size, alignment);
        void* p = Native.Mimalloc.mi_heap_malloc_aligned(Heap, size, alignment);
        return p != null ? p : ThrowOutOfMemory(size);
    }

    /// <summary>Frees a block from <see cref="Alloc"/> or <see cref="AllocZeroed"/>; any thread, even after Dispose.</summary>
    public void Free(void* p)
    {
        if (!_mimalloc) NativeMemory.Free(p);
        else Native.Mimalloc.mi_free(p);
    }

    /// <summary>Frees a block from <see cref="AllocAligned"/>; any thread, even after Dispose.</summary>
    public void FreeAligned(void* p)
    {
        if (!_mimalloc) NativeMemory.AlignedFree(p);
        else Native.Mimalloc.mi_free(p);
    }

    /// <summary>
    /// Releases the heap with mi_heap_delete, not mi_heap_destroy: blocks still allocated move to the
    /// thread's default mimalloc heap and stay valid, so a structure outliving the reactor is not a
    /// use-after-free; they are still freed through <see cref="Free"/>. No more allocation afterwards.
    /// </summary>
    public void Dispose()
    {
        if (_heap == null) return;
        AssertOwner();
        Native.Mimalloc.mi_heap_delete(_heap);
        _heap = null;
    }

    /// <summary>The live mi_heap; mimalloc would dereference a null heap, so a disposed one throws instead.</summary>
    private mi_heap_t* Heap => _heap != null ? _heap : ThrowDisposed();

    [Conditional("DEBUG")]
    private void AssertOwner()
    {
        Debug.Assert(Environment.CurrentManagedThreadId == _ownerThread,
            "a NativeHeap is allocated from (and disposed) only by the thread that created it");
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static mi_heap_t* ThrowDisposed() => throw new ObjectDisposedException(nameof(NativeHeap));

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void* ThrowOutOfMemory(nuint size) => throw new OutOfMemoryException($"mimalloc heap: {size} bytes");
}
