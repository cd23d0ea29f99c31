using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct iovec</c> from sys/uio.h (16 bytes): one segment of a gathered sendmsg.
/// The same layout as Linux's, so the engine's send queue can fill either.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public unsafe struct iovec
{
    public void* iov_base;
    public nuint iov_len;
}
