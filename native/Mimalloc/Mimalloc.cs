using System;
using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>
/// mimalloc.h (Debian's <c>libmimalloc2.0</c>, <c>libmimalloc.so.2</c>), the first-class heap calls.
/// The library is optional: test <see cref="IsAvailable"/> before any other member, since each call
/// binds lazily and throws <see cref="DllNotFoundException"/> where the library is absent. Loading
/// it with dlopen (as the runtime does) does not interpose the process's malloc: only these calls
/// go to mimalloc.
/// <para>Thread rule (mimalloc.h, "Heap Allocation"): a heap belongs to the thread that called
/// <see cref="mi_heap_new"/>; only that thread may allocate from it or delete/destroy it.
/// <see cref="mi_free"/> may be called from any thread.</para>
/// </summary>
public static unsafe partial class Mimalloc
{
    public const string Library = "libmimalloc.so.2";

    /// <summary>True when libmimalloc loads and exports the heap API. Never throws.</summary>
    public static bool IsAvailable => s_available.Value;

    private static readonly Lazy<bool> s_available = new(Probe);

    private static bool Probe()
        => NativeLibrary.TryLoad(Library, out nint handle)
            && NativeLibrary.TryGetExport(handle, "mi_heap_new", out _)
            && NativeLibrary.TryGetExport(handle, "mi_heap_malloc_aligned", out _);

    /// <summary>MI_MALLOC_VERSION of the loaded library: major*100 + minor*10 + patch (209 = 2.0.9).</summary>
    [LibraryImport(Library)]
    public static partial int mi_version();

    /// <summary>A new heap owned by the calling thread; null when out of memory.</summary>
    [LibraryImport(Library)]
    public static partial mi_heap_t* mi_heap_new();

    [LibraryImport(Library)]
    public static partial void* mi_heap_malloc(mi_heap_t* heap, nuint size);

    [LibraryImport(Library)]
    public static partial void* mi_heap_zalloc(mi_heap_t* heap, nuint size);

    /// <summary><paramref name="alignment"/> must be a power of two.</summary>
    [LibraryImport(Library)]
    public static partial void* mi_heap_malloc_aligned(mi_heap_t* heap, nuint size, nuint alignment);

    /// <summary>Frees a block from any mimalloc heap, aligned or not, from any thread.</summary>
    [LibraryImport(Library)]
    public static partial void mi_free(void* p);

    /// <summary>Deletes the heap; blocks still allocated move to the thread's default heap and stay valid.</summary>
    [LibraryImport(Library)]
    public static partial void mi_heap_delete(mi_heap_t* heap);

    /// <summary>Deletes the heap and frees every block still allocated in it, without visiting them.</summary>
    [LibraryImport(Library)]
    public static partial void mi_heap_destroy(mi_heap_t* heap);
}
