using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>How a <see cref="Ring"/> is set up.</summary>
internal sealed class RingOptions
{
    public uint SqEntries { get; init; } = 1024;

    /// <summary>The CQ is larger than the SQ: multishot operations post many CQEs per SQE, and a
    /// GC pause can let completions pile up.</summary>
    public uint CqEntries { get; init; } = 4096;

    /// <summary>The flags asked for; those the kernel refuses are dropped, newest first.</summary>
    public uint SetupFlags { get; init; } = DefaultFlags;

    public bool RegisterRingFd { get; init; } = true;

    public const uint DefaultFlags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN
        | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_SUBMIT_ALL | IORING_SETUP_NO_SQARRAY;

    // Newest kernel first: dropping in this order never leaves a flag without the one it needs
    // (DEFER_TASKRUN requires SINGLE_ISSUER; TASKRUN_FLAG requires a taskrun mode).
    private static readonly uint[] s_dropOrder =
    {
        IORING_SETUP_NO_SQARRAY,        // 6.6
        IORING_SETUP_DEFER_TASKRUN,     // 6.1
        IORING_SETUP_SINGLE_ISSUER,     // 6.0
        IORING_SETUP_TASKRUN_FLAG,      // 5.19
        IORING_SETUP_COOP_TASKRUN,      // 5.19
        IORING_SETUP_SUBMIT_ALL,        // 5.18
    };

    /// <summary>The next optional flag to give up after an EINVAL, or 0 when none is left.</summary>
    public static uint NextFlagToDrop(uint flags)
    {
        foreach (uint f in s_dropOrder)
            if ((flags & f) != 0) return f;
        return 0;
    }

    /// <summary>Names of the set-up flags in <paramref name="flags"/>, for the start-up log line.</summary>
    public static string Describe(uint flags)
    {
        var parts = new System.Collections.Generic.List<string>();
        if ((flags & IORING_SETUP_SINGLE_ISSUER) != 0) parts.Add("SINGLE_ISSUER");
        if ((flags & IORING_SETUP_DEFER_TASKRUN) != 0) parts.Add("DEFER_TASKRUN");
        if ((flags & IORING_SETUP_COOP_TASKRUN) != 0) parts.Add("COOP_TASKRUN");
        if ((flags & IORING_SETUP_TASKRUN_FLAG) != 0) parts.Add("TASKRUN_FLAG");
        if ((flags & IORING_SETUP_SUBMIT_ALL) != 0) parts.Add("SUBMIT_ALL");
        if ((flags & IORING_SETUP_NO_SQARRAY) != 0) parts.Add("NO_SQARRAY");
        if ((flags & IORING_SETUP_CQSIZE) != 0) parts.Add("CQSIZE");
        if ((flags & IORING_SETUP_SQPOLL) != 0) parts.Add("SQPOLL");
        return parts.Count == 0 ? "none" : string.Join('|', parts);
    }
}
