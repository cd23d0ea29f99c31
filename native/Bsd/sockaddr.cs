using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct sockaddr</c> from sys/socket.h, BSD/macOS layout (16 bytes): a length byte, then
/// an 8-bit <c>sa_family_t</c> where Linux has a 16-bit family and no length.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public unsafe struct sockaddr
{
    public byte sa_len;
    public byte sa_family;
    public fixed byte sa_data[14];
}
