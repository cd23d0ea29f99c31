using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>The three io_uring system calls. Each returns the kernel's result or <c>-errno</c>,
/// so callers test for a negative value exactly as the kernel reports it.</summary>
public static unsafe partial class IoUring
{
    // x86_64 and aarch64 share these numbers (the generic syscall table).
    public const long __NR_io_uring_setup = 425;
    public const long __NR_io_uring_enter = 426;
    public const long __NR_io_uring_register = 427;

    public static int io_uring_setup(uint entries, io_uring_params* p)
        => Result(syscall(__NR_io_uring_setup, (nint)entries, (nint)p, 0, 0, 0, 0));

    public static int io_uring_enter(int fd, uint toSubmit, uint minComplete, uint flags, void* arg, nuint argSize)
        => Result(syscall(__NR_io_uring_enter, fd, (nint)toSubmit, (nint)minComplete, (nint)flags, (nint)arg, (nint)argSize));

    public static int io_uring_register(int fd, uint opcode, void* arg, uint nrArgs)
        => Result(syscall(__NR_io_uring_register, fd, (nint)opcode, (nint)arg, (nint)nrArgs, 0, 0));

    private static int Result(long rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : (int)rc;

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);
}
