using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct sockaddr_in</c> from netinet/in.h, BSD/macOS layout (16 bytes). Port and address
/// are in network byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public unsafe struct sockaddr_in
{
    /// <summary>sizeof(struct sockaddr_in): BSD sockaddrs carry their own length.</summary>
    public byte sin_len;
    /// <summary>AF_INET.</summary>
    public byte sin_family;
    public ushort sin_port;
    /// <summary><c>struct in_addr</c>, whose only member is the 32-bit <c>s_addr</c>.</summary>
    public uint sin_addr;
    public fixed byte sin_zero[8];
}
