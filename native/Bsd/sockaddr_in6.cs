using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct sockaddr_in6</c> from netinet6/in6.h, BSD/macOS layout (28 bytes). Port, flow
/// label and address are in network byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 28)]
public unsafe struct sockaddr_in6
{
    /// <summary>sizeof(struct sockaddr_in6).</summary>
    public byte sin6_len;
    /// <summary>AF_INET6 (30 on macOS, 28 on FreeBSD).</summary>
    public byte sin6_family;
    public ushort sin6_port;
    public uint sin6_flowinfo;
    /// <summary><c>struct in6_addr</c>: 16 bytes.</summary>
    public fixed byte sin6_addr[16];
    public uint sin6_scope_id;
}
