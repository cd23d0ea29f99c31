using System;
using System.Globalization;
using System.IO;

namespace Uring.Engine.Memory;

/// <summary>
/// The hugetlb pool of the default huge page size (the <c>HugePages_*</c> and <c>Hugepagesize</c>
/// lines of /proc/meminfo, Documentation/admin-guide/mm/hugetlbpage.rst) and the transparent
/// hugepage setting. A snapshot: other processes take pages from the pool at any time.
/// </summary>
/// <param name="Total">Pages in the pool (<c>vm.nr_hugepages</c>).</param>
/// <param name="Free">Pages not faulted in by anyone, including those reserved.</param>
/// <param name="Reserved">Pages promised to existing mappings but not yet faulted in.</param>
/// <param name="PageSize">The default huge page size in bytes, 0 without hugetlb support.</param>
/// <param name="Thp">The transparent hugepage mode.</param>
/// <param name="ThpPageSize">The PMD size THP uses (hpage_pmd_size), the alignment a region needs to be THP-backed.</param>
public readonly record struct HugePageStatus(long Total, long Free, long Reserved, nuint PageSize, ThpMode Thp, nuint ThpPageSize)
{
    /// <summary>2 MiB: the PMD size on x86_64 and on arm64 with 4 KiB pages, assumed when sysfs does not say.</summary>
    public const nuint DefaultThpPageSize = 2 * 1024 * 1024;

    /// <summary>Pages a new MAP_HUGETLB mapping can still reserve. mmap reserves the whole mapping at once
    /// (so it fails with ENOMEM rather than later at fault time), against Free minus Reserved.</summary>
    public long Available => Math.Max(0, Free - Reserved);

    /// <summary>Whether a hugetlb mapping of <paramref name="size"/> bytes fits in the pool now.</summary>
    public bool CanMapHugeTlb(nuint size) => PageSize != 0 && (ulong)Available * PageSize >= (ulong)size;

    public static HugePageStatus Read(string procRoot = "/proc", string sysfsRoot = Topology.DefaultSysfsRoot)
    {
        long total = 0, free = 0, reserved = 0;
        nuint pageSize = 0;
        foreach (string line in ReadLines(Path.Combine(procRoot, "meminfo")))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon];
            string value = line[(colon + 1)..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3];
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number)) continue;
            switch (key)
            {
                case "HugePages_Total": total = number; break;
                case "HugePages_Free": free = number; break;
                case "HugePages_Rsvd": reserved = number; break;
                case "Hugepagesize": pageSize = (nuint)number * 1024; break;
            }
        }
        string thpDir = Path.Combine(sysfsRoot, "kernel", "mm", "transparent_hugepage");
        ThpMode thp = ParseThpMode(ReadText(Path.Combine(thpDir, "enabled")));
        nuint thpPageSize = nuint.TryParse(ReadText(Path.Combine(thpDir, "hpage_pmd_size"))?.Trim(), NumberStyles.None,
            CultureInfo.InvariantCulture, out nuint pmd) && pmd != 0 ? pmd : DefaultThpPageSize;
        return new HugePageStatus(total, free, reserved, pageSize, thp, thpPageSize);
    }

    /// <summary>"always [madvise] never" → <see cref="ThpMode.Madvise"/>: the kernel brackets the active choice.</summary>
    public static ThpMode ParseThpMode(string? text)
    {
        if (text == null) return ThpMode.Unavailable;
        int open = text.IndexOf('['), close = text.IndexOf(']');
        if (open < 0 || close < open) return ThpMode.Unavailable;
        return text[(open + 1)..close] switch
        {
            "always" => ThpMode.Always,
            "madvise" => ThpMode.Madvise,
            "never" => ThpMode.Never,
            _ => ThpMode.Unavailable,
        };
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] ReadLines(string path) => ReadText(path)?.Split('\n') ?? Array.Empty<string>();
}
