namespace Uring.Native.Bsd;

/// <summary>netinet/in.h and netinet/tcp.h, the BSD/macOS values.</summary>
public static partial class LibC
{
    public const int IPPROTO_TCP = 6;
    public const int IPPROTO_IPV6 = 41;
    /// <summary>27 on the BSDs (26 on Linux).</summary>
    public const int IPV6_V6ONLY = 27;

    // netinet/tcp.h
    public const int TCP_NODELAY = 1;
}
