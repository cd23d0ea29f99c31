using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Uring.Memory.Tests;

/// <summary>The /proc/self/smaps fields of the mapping holding an address (Documentation/filesystems/proc.rst):
/// what the kernel says backs it, independent of what the code under test believes.</summary>
public static class Smaps
{
    public static unsafe Dictionary<string, long> Of(void* address)
    {
        ulong target = (ulong)address;
        Dictionary<string, long>? fields = null;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash > 0 && space > dash && IsHex(line.AsSpan(0, dash)))
            {
                if (fields != null) return fields;
                ulong start = ulong.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                ulong end = ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (target >= start && target < end) fields = new Dictionary<string, long>();
                continue;
            }
            if (fields == null) continue;
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string value = line[(colon + 1)..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3];
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number)) fields[line[..colon]] = number;
        }
        return fields ?? throw new InvalidOperationException($"no mapping holds 0x{target:x}");
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
