namespace Uring.Native.Bsd;

/// <summary>sys/errno.h, macOS values (FreeBSD differences noted). 1-34 match Linux except 11, which is
/// EDEADLK here (EAGAIN on Linux); from 35 on the numbering differs entirely.</summary>
public static partial class LibC
{
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, EDEADLK = 11, ENOMEM = 12,
        EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EINVAL = 22, ENFILE = 23, EMFILE = 24, EPIPE = 32;
    public const int EAGAIN = 35, EWOULDBLOCK = EAGAIN, EINPROGRESS = 36, EALREADY = 37, ENOTSOCK = 38,
        EMSGSIZE = 40, ENOPROTOOPT = 42, EAFNOSUPPORT = 47, EADDRINUSE = 48, EADDRNOTAVAIL = 49,
        ENETDOWN = 50, ENETUNREACH = 51, ENETRESET = 52, ECONNABORTED = 53, ECONNRESET = 54, ENOBUFS = 55,
        EISCONN = 56, ENOTCONN = 57, ESHUTDOWN = 58, ETIMEDOUT = 60, ECONNREFUSED = 61, EHOSTDOWN = 64,
        EHOSTUNREACH = 65, ENOSYS = 78;
    /// <summary>45 on both; on FreeBSD it is also EOPNOTSUPP.</summary>
    public const int ENOTSUP = 45;
    /// <summary>89 on macOS; 85 on FreeBSD.</summary>
    public const int ECANCELED = 89;
    /// <summary>macOS only (FreeBSD has no ETIME).</summary>
    public const int ETIME = 101;
    /// <summary>102 on macOS; 45 (= ENOTSUP) on FreeBSD.</summary>
    public const int EOPNOTSUPP = 102;
}
