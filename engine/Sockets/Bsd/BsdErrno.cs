using Uring.Native.Bsd;

namespace Uring.Engine.Sockets.Bsd;

/// <summary>
/// macOS/BSD errno numbers in the engine's numbering (<see cref="Errno"/>, which is Linux's), so the
/// reactor, the log lines and <see cref="Connection.LastError"/> speak one numbering on every backend.
/// The kqueue build translates every errno here, where it leaves libc.
/// </summary>
internal static class BsdErrno
{
    /// <summary>An errno with no mapping below becomes this plus its BSD number: never mistaken for a Linux errno.</summary>
    public const int Unmapped = 1000;

    private const int LinuxEDEADLK = 35, LinuxEHOSTDOWN = 112;

    public static int ToEngine(int bsd) => bsd switch
    {
        // 1-34 are shared, except 11: EDEADLK on the BSDs, EAGAIN on Linux.
        LibC.EDEADLK => LinuxEDEADLK,
        > 0 and < LibC.EAGAIN => bsd,
        LibC.EAGAIN => Errno.EAGAIN,
        LibC.EINPROGRESS => Errno.EINPROGRESS,
        LibC.EALREADY => Errno.EALREADY,
        // ENOTSOCK (38) to ECONNREFUSED (61), the socket errors, are Linux's 88 to 111 in the same order
        // (EADDRINUSE 48 -> 98, ECONNRESET 54 -> 104, ENOBUFS 55 -> 105, ETIMEDOUT 60 -> 110...).
        >= LibC.ENOTSOCK and <= LibC.ECONNREFUSED => bsd + 50,
        LibC.EHOSTDOWN => LinuxEHOSTDOWN,
        LibC.EHOSTUNREACH => Errno.EHOSTUNREACH,
        LibC.ENOSYS => Errno.ENOSYS,
        LibC.ECANCELED => Errno.ECANCELED,
        LibC.ETIME => Errno.ETIME,
        LibC.EOPNOTSUPP => Errno.EOPNOTSUPP,
        _ => Unmapped + bsd,
    };
}
