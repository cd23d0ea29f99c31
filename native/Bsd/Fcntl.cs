using System;
using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>fcntl.h, the BSD/macOS values. macOS has neither SOCK_NONBLOCK nor SOCK_CLOEXEC for
/// socket(), so both flags are set here after the fact.</summary>
public static unsafe partial class LibC
{
    public const int F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4;
    public const int FD_CLOEXEC = 1;
    /// <summary>0x0004 on the BSDs (0x800 on Linux).</summary>
    public const int O_NONBLOCK = 0x0004;

    /// <summary>fcntl with an int argument. fcntl is variadic, and Apple's arm64 ABI passes variadic
    /// arguments on the stack, not in registers: there the six unused argument registers (x2-x7) are
    /// filled so that <paramref name="arg"/> lands in the first stack slot, where fcntl's va_arg reads it.
    /// Everywhere else (x86_64 SysV, AAPCS64 on FreeBSD) a variadic int travels like a fixed one.</summary>
    public static int fcntl(int fd, int cmd, int arg)
        => Result(OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64
            ? fcntl_stack_(fd, cmd, 0, 0, 0, 0, 0, 0, arg)
            : fcntl_(fd, cmd, arg));

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_(int fd, int cmd, nint arg);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int fcntl_stack_(int fd, int cmd, nint x2, nint x3, nint x4, nint x5, nint x6, nint x7, nint arg);
}
