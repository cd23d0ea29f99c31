using System;
using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>
/// libnuma's numa.h (Debian's <c>libnuma1</c>, <c>libnuma.so.1</c>), the calls Uring uses. The
/// library is optional: test <see cref="IsAvailable"/> before any other member, since each call
/// binds lazily and throws <see cref="DllNotFoundException"/> where the library is absent.
/// These keep libnuma's own contract (no errno translation): <c>numa_node_of_cpu</c> answers -1
/// for an unknown CPU, <c>numa_alloc_onnode</c> null on failure.
/// </summary>
public static unsafe partial class Numa
{
    public const string Library = "libnuma.so.1";

    /// <summary>
    /// True when libnuma loads and <c>numa_available()</c> is 0, i.e. the kernel answers
    /// get_mempolicy(2) (it does not on kernels built without CONFIG_NUMA). Never throws.
    /// </summary>
    public static bool IsAvailable => s_available.Value;

    private static readonly Lazy<bool> s_available = new(Probe);

    private static bool Probe()
    {
        if (!NativeLibrary.TryLoad(Library, out nint handle)) return false;
        try
        {
            // Export present and the kernel's policy calls working: libnuma itself asks the kernel.
            return NativeLibrary.TryGetExport(handle, "numa_available", out _) && numa_available() == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>0 when the NUMA policy API works, -1 when it does not (the other calls are then undefined).</summary>
    [LibraryImport(Library)]
    public static partial int numa_available();

    /// <summary>The highest node number available on this system (0 on a one-node machine).</summary>
    [LibraryImport(Library)]
    public static partial int numa_max_node();

    /// <summary>How many nodes have memory configured (memory-less nodes are not counted).</summary>
    [LibraryImport(Library)]
    public static partial int numa_num_configured_nodes();

    /// <summary>The node of <paramref name="cpu"/>, or -1 (errno EINVAL) for a CPU libnuma does not know.</summary>
    [LibraryImport(Library)]
    public static partial int numa_node_of_cpu(int cpu);

    /// <summary>mmap + MPOL_BIND of <paramref name="size"/> bytes (rounded up to pages) on <paramref name="node"/>;
    /// null on failure. Free only with <see cref="numa_free"/>, passing the same size.</summary>
    [LibraryImport(Library)]
    public static partial void* numa_alloc_onnode(nuint size, int node);

    [LibraryImport(Library)]
    public static partial void numa_free(void* start, nuint size);

    /// <summary>
    /// Binds the pages of [start, start+size) to <paramref name="node"/> with MPOL_BIND. Returns
    /// nothing: on failure libnuma calls its <c>numa_error</c> hook, which prints to stderr. Use
    /// <see cref="mbind"/> where the result matters.
    /// </summary>
    [LibraryImport(Library)]
    public static partial void numa_tonode_memory(void* start, nuint size, int node);
}
