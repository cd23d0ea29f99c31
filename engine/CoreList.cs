using System;
using System.Collections.Generic;
using Uring.Engine.Threading;

namespace Uring.Engine;

/// <summary>Parses a core list as taskset and nginx's worker_cpu_affinity users write them: "0-15", "0,2,4-7", "all".</summary>
public static class CoreList
{
    public static bool TryParse(string text, out int[] cores, out string? error)
    {
        cores = Array.Empty<int>();
        error = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "empty core list";
            return false;
        }
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            cores = Affinity.AllowedCpus();
            return true;
        }
        var set = new SortedSet<int>();
        foreach (string part in text.Split(','))
        {
            string p = part.Trim();
            int dash = p.IndexOf('-');
            if (dash < 0)
            {
                if (!int.TryParse(p, out int single) || single < 0 || single > 4095)
                {
                    error = $"'{p}' is not a CPU number";
                    return false;
                }
                set.Add(single);
                continue;
            }
            if (!int.TryParse(p.AsSpan(0, dash), out int lo) || !int.TryParse(p.AsSpan(dash + 1), out int hi) || lo < 0 || hi > 4095)
            {
                error = $"'{p}' is not a CPU range";
                return false;
            }
            if (hi < lo)
            {
                error = $"'{p}': range end before its start";
                return false;
            }
            for (int c = lo; c <= hi; c++) set.Add(c);
        }
        cores = new int[set.Count];
        set.CopyTo(cores);
        return true;
    }
}
