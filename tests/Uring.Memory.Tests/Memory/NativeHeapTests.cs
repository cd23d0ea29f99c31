using System;
using System.Threading;
using Uring.Engine.Memory;
using Uring.Native;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>
/// The per-reactor native heap over both of its allocators. mimalloc absent is simulated by resolving
/// with the library reported missing, and by forcing the NativeMemory fallback, which is what a
/// machine without libmimalloc.so.2 runs.
/// </summary>
public unsafe class NativeHeapTests
{
    public static TheoryData<NativeHeapKind> Kinds => new() { NativeHeapKind.Mimalloc, NativeHeapKind.NativeMemory };

    private static void SkipWithoutMimalloc(NativeHeapKind kind)
        => Skip.If(kind == NativeHeapKind.Mimalloc && !Mimalloc.IsAvailable, "libmimalloc.so.2 is not installed");

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Small_blocks_are_writable_distinct_and_freed(NativeHeapKind kind)
    {
        SkipWithoutMimalloc(kind);
        using NativeHeap heap = NativeHeap.Create(kind);
        Assert.Equal(kind, heap.Kind);
        var blocks = new nint[64];
        for (int i = 0; i < blocks.Length; i++)
        {
            nuint size = (nuint)(64 + i * 7);
            byte* p = (byte*)heap.Alloc(size);
            Assert.Equal(0ul, (ulong)p % 8); // malloc's alignment guarantee for any primitive
            new Span<byte>(p, (int)size).Fill((byte)i);
            blocks[i] = (nint)p;
        }
        for (int i = 0; i < blocks.Length; i++)
        {
            var block = new ReadOnlySpan<byte>((byte*)blocks[i], 64 + i * 7);
            Assert.True(block.IndexOfAnyExcept((byte)i) < 0, $"block {i} was overwritten");
            heap.Free((void*)blocks[i]);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Zeroed_blocks_are_zero_even_when_reusing_a_dirty_block(NativeHeapKind kind)
    {
        SkipWithoutMimalloc(kind);
        using NativeHeap heap = NativeHeap.Create(kind);
        byte* dirty = (byte*)heap.Alloc(256);
        new Span<byte>(dirty, 256).Fill(0xAB);
        heap.Free(dirty);
        byte* p = (byte*)heap.AllocZeroed(256);
        Assert.True(new ReadOnlySpan<byte>(p, 256).IndexOfAnyExcept((byte)0) < 0);
        heap.Free(p);
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Aligned_blocks_are_aligned(NativeHeapKind kind)
    {
        SkipWithoutMimalloc(kind);
        using NativeHeap heap = NativeHeap.Create(kind);
        foreach (nuint alignment in new nuint[] { 16, 64, 4096 })
        {
            byte* p = (byte*)heap.AllocAligned(200, alignment);
            Assert.Equal(0ul, (ulong)p % alignment);
            new Span<byte>(p, 200).Fill(1);
            heap.FreeAligned(p);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Kinds))]
    public void Blocks_outlive_the_heap_and_may_be_freed_from_another_thread(NativeHeapKind kind)
    {
        SkipWithoutMimalloc(kind);
        NativeHeap heap = NativeHeap.Create(kind);
        byte* p = (byte*)heap.Alloc(128);
        new Span<byte>(p, 128).Fill(7);
        heap.Dispose(); // mi_heap_delete: live blocks move to the default heap
        Assert.Equal(7, p[127]);
        var other = new Thread(() => heap.Free(p));
        other.Start();
        other.Join();
    }

    [SkippableFact]
    public void A_disposed_mimalloc_heap_refuses_to_allocate()
    {
        Skip.IfNot(Mimalloc.IsAvailable, "libmimalloc.so.2 is not installed");
        NativeHeap heap = NativeHeap.Create(NativeHeapKind.Mimalloc);
        heap.Dispose();
        heap.Dispose();
        Assert.Throws<ObjectDisposedException>(() => heap.Alloc(16));
    }

    [SkippableFact]
    public void Present_auto_is_mimalloc()
    {
        Skip.IfNot(NativeLibraryFiles.Installed(Mimalloc.Library), "libmimalloc.so.2 is not installed");
        using NativeHeap heap = NativeHeap.Create();
        Assert.Equal(NativeHeapKind.Mimalloc, heap.Kind);
    }

    [Fact]
    public void Absent_auto_falls_back_to_NativeMemory_and_a_demand_for_mimalloc_fails_clearly()
    {
        Assert.Equal(NativeHeapKind.NativeMemory, NativeHeap.Resolve(NativeHeapKind.Auto, mimallocAvailable: false));
        Assert.Equal(NativeHeapKind.NativeMemory, NativeHeap.Resolve(NativeHeapKind.NativeMemory, mimallocAvailable: true));
        var e = Assert.Throws<InvalidOperationException>(() => NativeHeap.Resolve(NativeHeapKind.Mimalloc, mimallocAvailable: false));
        Assert.Contains("libmimalloc.so.2", e.Message);
    }
}
