using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>
/// numaif.h: the memory-policy system calls, called through libnuma's thin wrappers (glibc does not
/// export them), with the constants of linux/mempolicy.h. Test <see cref="IsAvailable"/> first.
/// Results are 0 or <c>-errno</c>.
/// </summary>
public static unsafe partial class Numa
{
    // Policy modes (linux/mempolicy.h, enum).
    public const int MPOL_DEFAULT = 0;
    /// <summary>Allocate on the given node, falling back to others when it has no free memory.</summary>
    public const int MPOL_PREFERRED = 1;
    /// <summary>Allocate only on the given nodes: an exhausted node means OOM (or SIGBUS for hugetlb).</summary>
    public const int MPOL_BIND = 2;
    public const int MPOL_INTERLEAVE = 3;
    public const int MPOL_LOCAL = 4;
    public const int MPOL_PREFERRED_MANY = 5;

    // Mode flags, OR-ed into the mode.
    public const int MPOL_F_STATIC_NODES = 1 << 15;
    public const int MPOL_F_RELATIVE_NODES = 1 << 14;
    public const int MPOL_F_NUMA_BALANCING = 1 << 13;

    // get_mempolicy flags.
    public const uint MPOL_F_NODE = 1 << 0;
    public const uint MPOL_F_ADDR = 1 << 1;
    public const uint MPOL_F_MEMS_ALLOWED = 1 << 2;

    // mbind flags.
    public const uint MPOL_MF_STRICT = 1 << 0;
    public const uint MPOL_MF_MOVE = 1 << 1;
    public const uint MPOL_MF_MOVE_ALL = 1 << 2;

    /// <summary>
    /// Sets the policy of [start, start+len). <paramref name="maxnode"/> is the number of bits in
    /// <paramref name="nodemask"/> plus one: the kernel drops the last bit (an off-by-one kept for
    /// compatibility, which libnuma also compensates for).
    /// </summary>
    public static int mbind(void* start, nuint len, int mode, ulong* nodemask, nuint maxnode, uint flags)
        => Result(mbind_(start, len, mode, nodemask, maxnode, flags));

    /// <summary>With MPOL_F_NODE | MPOL_F_ADDR, stores in <paramref name="mode"/> the node holding the
    /// page at <paramref name="addr"/> (which must already be faulted in).</summary>
    public static int get_mempolicy(int* mode, ulong* nodemask, nuint maxnode, void* addr, uint flags)
        => Result(get_mempolicy_(mode, nodemask, maxnode, addr, flags));

    private static int Result(long rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : (int)rc;

    [LibraryImport(Library, EntryPoint = "mbind", SetLastError = true)]
    private static partial long mbind_(void* start, nuint len, int mode, ulong* nodemask, nuint maxnode, uint flags);

    [LibraryImport(Library, EntryPoint = "get_mempolicy", SetLastError = true)]
    private static partial long get_mempolicy_(int* mode, ulong* nodemask, nuint maxnode, void* addr, uint flags);
}
