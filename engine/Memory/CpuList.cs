using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Uring.Engine.Memory;

/// <summary>
/// The kernel's "cpulist" text (lib/bitmap-str.c, bitmap_print_list): comma-separated CPU numbers
/// and inclusive ranges, ascending, e.g. <c>0-3,8-11</c>; empty for an empty set (a memory-only
/// node). sysfs never prints the stride form (<c>0-7:2/4</c>) that the boot-time parser accepts,
/// so it is refused here as malformed.
/// </summary>
public static class CpuList
{
    /// <summary>Upper bound on a CPU number (the kernel's NR_CPUS limit is 8192), so that a corrupt
    /// range cannot make us allocate millions of entries.</summary>
    public const int MaxCpu = 8191;

    /// <summary>The CPUs of <paramref name="text"/>, ascending and distinct.</summary>
    /// <exception cref="FormatException">The text is not a cpulist.</exception>
    public static int[] Parse(string text)
    {
        if (!TryParse(text, out int[] cpus, out string? error)) throw new FormatException(error);
        return cpus;
    }

    public static bool TryParse(string text, out int[] cpus, out string? error)
    {
        cpus = Array.Empty<int>();
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = null;
            return true;
        }
        var set = new SortedSet<int>();
        foreach (string part in trimmed.Split(','))
        {
            int dash = part.IndexOf('-');
            string first = dash < 0 ? part : part[..dash];
            string last = dash < 0 ? part : part[(dash + 1)..];
            if (!TryCpu(first, out int from) || !TryCpu(last, out int to))
            {
                error = $"'{part}' in cpulist '{trimmed}' is not a CPU number or range";
                return false;
            }
            if (to < from)
            {
                error = $"range '{part}' in cpulist '{trimmed}' runs backwards";
                return false;
            }
            for (int cpu = from; cpu <= to; cpu++) set.Add(cpu);
        }
        cpus = new int[set.Count];
        set.CopyTo(cpus);
        error = null;
        return true;
    }

    /// <summary>The cpulist text of <paramref name="cpus"/> (any order, duplicates ignored): "0-3,8-11".</summary>
    public static string Format(IEnumerable<int> cpus)
    {
        var sorted = new SortedSet<int>(cpus);
        var text = new StringBuilder();
        int start = -1, previous = -1;
        foreach (int cpu in sorted)
        {
            if (start >= 0 && cpu == previous + 1)
            {
                previous = cpu;
                continue;
            }
            if (start >= 0) AppendRange(text, start, previous);
            start = previous = cpu;
        }
        if (start >= 0) AppendRange(text, start, previous);
        return text.ToString();
    }

    private static void AppendRange(StringBuilder text, int first, int last)
    {
        if (text.Length > 0) text.Append(',');
        text.Append(first.ToString(CultureInfo.InvariantCulture));
        if (last != first) text.Append('-').Append(last.ToString(CultureInfo.InvariantCulture));
    }

    private static bool TryCpu(string text, out int cpu)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;
}
