using System;
using System.Net;

namespace Uring.Engine;

/// <summary>Parses the listen addresses operators write.</summary>
public static class ListenAddress
{
    /// <summary>Parses "host:port", "[v6]:port", "*:port" or a bare port ("8080" = all IPv4 addresses).</summary>
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        text = text.Trim();
        if (int.TryParse(text, out int bare) && bare is >= 0 and <= 65535)
        {
            endPoint = new IPEndPoint(IPAddress.Any, bare);
            return true;
        }
        if (text.StartsWith("*:", StringComparison.Ordinal)) text = "0.0.0.0" + text.Substring(1);
        else if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1" + text.Substring(9);
        if (!IPEndPoint.TryParse(text, out IPEndPoint? ep)) return false;
        // A port is required: "1.2.3.4:80" or "[::1]:80" (a bare "::1" would parse as port 0).
        bool v6 = ep.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (v6 ? !text.Contains("]:", StringComparison.Ordinal) : !text.Contains(':')) return false;
        endPoint = ep;
        return true;
    }
}
