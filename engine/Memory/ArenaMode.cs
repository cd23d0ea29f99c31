namespace Uring.Engine.Memory;

/// <summary>How a reactor arena's pages are backed, best first.</summary>
public enum ArenaMode
{
    /// <summary>mmap(MAP_HUGETLB) from the reserved pool (vm.nr_hugepages): huge pages guaranteed at mmap time.</summary>
    HugeTlb,
    /// <summary>An anonymous region aligned to the PMD size and marked madvise(MADV_HUGEPAGE): huge pages
    /// when the kernel can assemble them at fault time, small pages otherwise (khugepaged may collapse them later).</summary>
    TransparentHugePages,
    /// <summary>Anonymous small pages (marked MADV_NOHUGEPAGE where THP is "always", so the mode holds).</summary>
    Plain,
}
