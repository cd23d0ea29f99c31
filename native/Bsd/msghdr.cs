using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct msghdr</c> from sys/socket.h, BSD/macOS layout (48 bytes). Unlike Linux (56 bytes,
/// <c>size_t</c> lengths) <c>msg_iovlen</c> is an <c>int</c> and <c>msg_controllen</c> a <c>socklen_t</c>.</summary>
[StructLayout(LayoutKind.Sequential, Size = 48)]
public unsafe struct msghdr
{
    public void* msg_name;
    public uint msg_namelen;
    public iovec* msg_iov;
    public int msg_iovlen;
    public void* msg_control;
    public uint msg_controllen;
    public int msg_flags;
}
