using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>
/// macOS/BSD libc for the kqueue build, one partial file per C header. Tmds.LibC binds glibc
/// (<c>libc.so.6</c>) with Linux constants and layouts, so none of it is used on this path.
/// "libc" resolves to libSystem on macOS and to libc.so on the BSDs. Every call returns its result
/// or <c>-errno</c> in the platform's own errno numbering (Errno.cs).
/// </summary>
public static partial class LibC
{
    private static int Result(int rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : rc;

    private static nint Result(nint rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : rc;
}
