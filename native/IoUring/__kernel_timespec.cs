using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary><c>struct __kernel_timespec</c> from include/uapi/linux/time_types.h (16 bytes), used by
/// IORING_OP_TIMEOUT and the wait timeout of io_uring_enter.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct __kernel_timespec
{
    public long tv_sec;
    public long tv_nsec;
}
