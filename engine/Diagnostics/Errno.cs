namespace Uring.Engine;

/// <summary>Symbolic names for the errno values the engine meets, for log lines and exceptions.</summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, EINTR = 4, EIO = 5, EBADF = 9, EAGAIN = 11, ENOMEM = 12,
        EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17, EINVAL = 22, EMFILE = 24, ENFILE = 23,
        EPIPE = 32, ENOSYS = 38, ENOBUFS = 105, EOPNOTSUPP = 95, EADDRINUSE = 98, EADDRNOTAVAIL = 99,
        ENETUNREACH = 101, ECONNABORTED = 103, ECONNRESET = 104, ENOTCONN = 107, ETIMEDOUT = 110,
        ECONNREFUSED = 111, EHOSTUNREACH = 113, EALREADY = 114, EINPROGRESS = 115, ECANCELED = 125, ETIME = 62;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EINTR => "EINTR",
        EIO => "EIO",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        EINVAL => "EINVAL",
        EMFILE => "EMFILE",
        ENFILE => "ENFILE",
        EPIPE => "EPIPE",
        ENOSYS => "ENOSYS",
        ENOBUFS => "ENOBUFS",
        EOPNOTSUPP => "EOPNOTSUPP",
        EADDRINUSE => "EADDRINUSE",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        ENETUNREACH => "ENETUNREACH",
        ECONNABORTED => "ECONNABORTED",
        ECONNRESET => "ECONNRESET",
        ENOTCONN => "ENOTCONN",
        ETIMEDOUT => "ETIMEDOUT",
        ECONNREFUSED => "ECONNREFUSED",
        EHOSTUNREACH => "EHOSTUNREACH",
        EALREADY => "EALREADY",
        EINPROGRESS => "EINPROGRESS",
        ECANCELED => "ECANCELED",
        ETIME => "ETIME",
        _ => "errno " + errno,
    };
}
