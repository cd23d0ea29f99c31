using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary><c>struct rlimit</c> from sys/resource.h (x86_64/aarch64: two 64-bit words).</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct rlimit
{
    public ulong rlim_cur;
    public ulong rlim_max;
}
