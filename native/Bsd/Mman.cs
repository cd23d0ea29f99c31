using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>sys/mman.h, the BSD/macOS values: anonymous mappings are MAP_ANON = 0x1000 (0x20 on Linux).</summary>
public static unsafe partial class LibC
{
    public const int PROT_NONE = 0x00, PROT_READ = 0x01, PROT_WRITE = 0x02;
    public const int MAP_SHARED = 0x0001, MAP_PRIVATE = 0x0002;
    public const int MAP_ANON = 0x1000;

    /// <summary>The mapping's address, or <c>-errno</c> (no user mapping lies in the top 4 KB of the
    /// address space, the same convention as the Linux kernel's).</summary>
    public static nint mmap(void* addr, nuint len, int prot, int flags, int fd, long offset)
    {
        nint p = mmap_(addr, len, prot, flags, fd, offset);
        return p == -1 ? -Marshal.GetLastPInvokeError() : p;
    }

    public static int munmap(void* addr, nuint len) => Result(munmap_(addr, len));

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint mmap_(void* addr, nuint len, int prot, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int munmap_(void* addr, nuint len);
}
