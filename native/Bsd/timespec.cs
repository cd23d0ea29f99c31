using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct timespec</c> from sys/_types/_timespec.h (macOS) and sys/_timespec.h (FreeBSD):
/// <c>time_t</c> and <c>long</c>, both 64-bit on the 64-bit targets (16 bytes). kevent()'s timeout.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct timespec
{
    public long tv_sec;
    public long tv_nsec;
}
