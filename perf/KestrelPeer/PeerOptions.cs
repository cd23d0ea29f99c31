using System;
using System.Globalization;

namespace Uring.Perf.KestrelPeer;

/// <summary>
/// Where the peer listens: <c>--port N</c> (HTTP/1.1) and <c>--h2-port N</c> (HTTP/2 prior
/// knowledge), falling back to KESTREL_PORT / KESTREL_H2_PORT, then 8081 / 8082.
/// Always on 127.0.0.1: the benchmark is loopback only.
/// </summary>
internal sealed record PeerOptions(int Http1Port, int Http2Port)
{
    public static PeerOptions Parse(string[] args)
    {
        int h1 = Port(args, "--port", "KESTREL_PORT", 8081);
        int h2 = Port(args, "--h2-port", "KESTREL_H2_PORT", 8082);
        if (h1 == h2) throw new ArgumentException($"--port and --h2-port must differ (both {h1})");
        return new PeerOptions(h1, h2);
    }

    private static int Port(string[] args, string flag, string envName, int fallback)
    {
        string? text = null;
        for (int i = 0; i < args.Length - 1; i++)
            if (args[i] == flag) text = args[i + 1];
        text ??= Environment.GetEnvironmentVariable(envName);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new ArgumentException($"{flag}: '{text}' is not a TCP port");
        return port;
    }
}
