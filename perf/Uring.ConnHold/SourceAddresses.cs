using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace Uring.ConnHold;

/// <summary>
/// Parses <c>--sources</c>: an IPv4 range (<c>127.0.0.1-127.0.0.8</c>) or a comma list. One
/// source address gives ~28k ephemeral ports towards one server address and port
/// (net.ipv4.ip_local_port_range 32768-60999), so more connections than that need several.
/// </summary>
public static class SourceAddresses
{
    public const int MaxAddresses = 4096;

    /// <summary>The addresses, empty for "let the kernel choose"; null and <paramref name="problem"/> when malformed.</summary>
    public static IPAddress[]? Parse(string text, out string? problem)
    {
        problem = null;
        var result = new List<IPAddress>();
        if (string.IsNullOrWhiteSpace(text)) return result.ToArray();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                if (!TryV4(part, out uint one)) { problem = $"'{part}' is not an IPv4 address"; return null; }
                result.Add(ToAddress(one));
                continue;
            }
            if (!TryV4(part[..dash], out uint lo) || !TryV4(part[(dash + 1)..], out uint hi))
            {
                problem = $"'{part}' is not an IPv4 range (A.B.C.D-A.B.C.E)";
                return null;
            }
            if (hi < lo || hi - lo >= MaxAddresses)
            {
                problem = $"'{part}': the range is empty or longer than {MaxAddresses} addresses";
                return null;
            }
            for (uint a = lo; a <= hi; a++) result.Add(ToAddress(a));
        }
        return result.ToArray();
    }

    // Host-order value, so a range can be walked with ++.
    private static bool TryV4(string s, out uint value)
    {
        value = 0;
        if (!IPAddress.TryParse(s, out IPAddress? a) || a.AddressFamily != AddressFamily.InterNetwork) return false;
        byte[] b = a.GetAddressBytes();
        value = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return true;
    }

    private static IPAddress ToAddress(uint v) =>
        new(new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
}
