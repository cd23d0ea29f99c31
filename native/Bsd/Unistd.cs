using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>unistd.h: the descriptor calls the kqueue build makes outside sys/socket.h.</summary>
public static unsafe partial class LibC
{
    public static int close(int fd) => Result(close_(fd));

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close_(int fd);
}
