namespace Uring.Engine.Memory;

/// <summary>The bracketed choice in <c>/sys/kernel/mm/transparent_hugepage/enabled</c>.</summary>
public enum ThpMode
{
    /// <summary>No such file: a kernel without CONFIG_TRANSPARENT_HUGEPAGE (or not Linux).</summary>
    Unavailable,
    /// <summary>THP only for regions marked with madvise(MADV_HUGEPAGE).</summary>
    Madvise,
    /// <summary>THP for every large enough anonymous region (MADV_HUGEPAGE still asks for synchronous compaction under the default defrag setting).</summary>
    Always,
    Never,
}
