using System;
using System.Numerics;

namespace Uring.EchoLoad;

/// <summary>
/// Log-linear histogram of microsecond latencies (HdrHistogram's idea, small): 32 linear
/// sub-buckets per power of two, so a percentile is within ~3% of the true value. One per
/// connection, recorded without locks and merged once at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 5;
    private const int SubCount = 1 << SubBits;
    private readonly long[] _counts = new long[64 * SubCount];

    public long Count { get; private set; }

    public void Record(long micros)
    {
        _counts[Index(Math.Max(0, micros))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The latency (µs, bucket's upper bound) at or below which <paramref name="percent"/>% of samples fall.</summary>
    public long Percentile(double percent)
    {
        if (Count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(Count * percent / 100));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return UpperBound(i);
        }
        return UpperBound(_counts.Length - 1);
    }

    // Values below SubCount map to themselves; above, the top SubBits bits after the leading one
    // pick the sub-bucket within the value's power of two.
    private static int Index(long v)
    {
        if (v < SubCount) return (int)v;
        int log = 63 - BitOperations.LeadingZeroCount((ulong)v);
        int shift = log - SubBits;
        int sub = (int)(v >> shift) & (SubCount - 1);
        return ((shift + 1) << SubBits) + sub;
    }

    private static long UpperBound(int index)
    {
        int block = index >> SubBits;
        int sub = index & (SubCount - 1);
        if (block == 0) return sub;
        int shift = block - 1;
        return ((long)(SubCount + sub + 1) << shift) - 1;
    }
}
