using System.Globalization;
using Uring.Native;

namespace Uring.Engine.Memory;

/// <summary>What this machine offers for reactor memory: libnuma, mimalloc and huge pages.</summary>
/// <param name="Libnuma">libnuma loads and the kernel answers its policy calls (<see cref="Numa.IsAvailable"/>).</param>
/// <param name="MimallocVersion">mimalloc's MI_MALLOC_VERSION (209 = 2.0.9), 0 when the library is absent.</param>
/// <param name="HugePages">The hugetlb pool and transparent hugepage mode.</param>
public sealed record MemoryFeatures(bool Libnuma, int MimallocVersion, HugePageStatus HugePages)
{
    public bool Mimalloc => MimallocVersion != 0;

    /// <summary>"2.0.9" for 209 (mimalloc encodes major*100 + minor*10 + patch).</summary>
    public string MimallocVersionText => string.Create(CultureInfo.InvariantCulture,
        $"{MimallocVersion / 100}.{MimallocVersion / 10 % 10}.{MimallocVersion % 10}");

    public static MemoryFeatures Detect(string procRoot = "/proc", string sysfsRoot = Topology.DefaultSysfsRoot)
        => new(Numa.IsAvailable, Native.Mimalloc.IsAvailable ? Native.Mimalloc.mi_version() : 0,
            HugePageStatus.Read(procRoot, sysfsRoot));
}
