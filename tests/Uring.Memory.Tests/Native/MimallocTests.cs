using System;
using System.Threading;
using Uring.Native;
using Xunit;
using static Uring.Native.Mimalloc;

namespace Uring.Memory.Tests.Native;

/// <summary>The libmimalloc.so.2 binding, called directly.</summary>
public unsafe class MimallocTests
{
    [SkippableFact]
    public void The_probe_finds_the_installed_library()
    {
        Skip.IfNot(NativeLibraryFiles.Installed(Library), "libmimalloc.so.2 is not installed (Debian: libmimalloc2.0)");
        Assert.True(IsAvailable);
        Assert.InRange(mi_version(), 200, 399); // the 2.x ABI this binding follows
    }

    [SkippableFact]
    public void A_heap_allocates_zeroes_aligns_and_deletes()
    {
        Skip.IfNot(IsAvailable, "libmimalloc.so.2 is not installed");
        mi_heap_t* heap = mi_heap_new();
        Assert.True(heap != null);
        byte* a = (byte*)mi_heap_malloc(heap, 100);
        new Span<byte>(a, 100).Fill(0xFF);
        byte* z = (byte*)mi_heap_zalloc(heap, 100);
        Assert.True(new ReadOnlySpan<byte>(z, 100).IndexOfAnyExcept((byte)0) < 0);
        byte* aligned = (byte*)mi_heap_malloc_aligned(heap, 100, 256);
        Assert.Equal(0ul, (ulong)aligned % 256);
        mi_free(a);
        mi_free(aligned);
        mi_heap_delete(heap);
        Assert.Equal(0, z[99]); // survived the delete, moved to the default heap
        mi_free(z);
    }

    [SkippableFact]
    public void Destroy_frees_every_block_at_once()
    {
        Skip.IfNot(IsAvailable, "libmimalloc.so.2 is not installed");
        mi_heap_t* heap = mi_heap_new();
        for (int i = 0; i < 1000; i++) ((byte*)mi_heap_malloc(heap, 64))[0] = 1;
        mi_heap_destroy(heap);
    }

    [SkippableFact]
    public void A_block_may_be_freed_by_another_thread()
    {
        Skip.IfNot(IsAvailable, "libmimalloc.so.2 is not installed");
        mi_heap_t* heap = mi_heap_new();
        byte* p = (byte*)mi_heap_malloc(heap, 64);
        var other = new Thread(() => mi_free(p));
        other.Start();
        other.Join();
        mi_heap_delete(heap);
    }
}
