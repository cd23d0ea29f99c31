using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>getrlimit/setrlimit, which Tmds.LibC 0.5.0 does not bind. Results are 0 or <c>-errno</c>.</summary>
public static unsafe partial class Resource
{
    public const int RLIMIT_NOFILE = 7;
    public const int RLIMIT_MEMLOCK = 8;
    public const ulong RLIM_INFINITY = ulong.MaxValue;

    public static int getrlimit(int resource, rlimit* rlim) => Result(getrlimit_(resource, rlim));

    public static int setrlimit(int resource, rlimit* rlim) => Result(setrlimit_(resource, rlim));

    private static int Result(int rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : rc;

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int getrlimit_(int resource, rlimit* rlim);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int setrlimit_(int resource, rlimit* rlim);
}
