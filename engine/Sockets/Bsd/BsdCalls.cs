using Uring.Native.Bsd;

namespace Uring.Engine.Sockets.Bsd;

/// <summary>
/// The libc calls Socket.cs makes, in the shape it makes them through Tmds.LibC on Linux (a negative
/// result, then <see cref="errno"/>), over native/Bsd for the kqueue build. Socket.cs aliases its
/// <c>LibC</c> to this class there, so its code stays one for both.
/// </summary>
internal static unsafe class BsdCalls
{
    [System.ThreadStatic] private static int t_errno;

    /// <summary>The calling thread's last failure, in the engine's (Linux) numbering.</summary>
    public static int errno => t_errno;

    public static int setsockopt(int fd, int level, int name, void* value, uint len) => Check(LibC.setsockopt(fd, level, name, value, len));

    public static int getsockopt(int fd, int level, int name, void* value, uint* len) => Check(LibC.getsockopt(fd, level, name, value, len));

    public static int bind(int fd, sockaddr* addr, uint len) => Check(LibC.bind(fd, addr, len));

    public static int listen(int fd, int backlog) => Check(LibC.listen(fd, backlog));

    public static int close(int fd) => Check(LibC.close(fd));

    public static int getsockname(int fd, sockaddr* addr, uint* len) => Check(LibC.getsockname(fd, addr, len));

    public static int getpeername(int fd, sockaddr* addr, uint* len) => Check(LibC.getpeername(fd, addr, len));

    /// <summary>A TCP socket with FD_CLOEXEC, O_NONBLOCK when asked, and SO_NOSIGPIPE: macOS's socket() takes
    /// neither SOCK_CLOEXEC nor SOCK_NONBLOCK, so they are set after the fact. Returns the fd or -errno.</summary>
    public static int CreateSocket(int af, bool nonBlocking)
    {
        int fd = LibC.socket(af, LibC.SOCK_STREAM, 0);
        if (fd < 0) return -BsdErrno.ToEngine(-fd);
        int rc = LibC.fcntl(fd, LibC.F_SETFD, LibC.FD_CLOEXEC);
        if (rc >= 0 && nonBlocking)
        {
            int fl = LibC.fcntl(fd, LibC.F_GETFL, 0);
            rc = fl < 0 ? fl : LibC.fcntl(fd, LibC.F_SETFL, fl | LibC.O_NONBLOCK);
        }
        if (rc >= 0)
        {
            // EPIPE rather than SIGPIPE on a write to a closed peer; accepted sockets inherit it from the listener.
            int one = 1;
            rc = LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_NOSIGPIPE, &one, sizeof(int));
        }
        if (rc < 0)
        {
            LibC.close(fd);
            return -BsdErrno.ToEngine(-rc);
        }
        return fd;
    }

    private static int Check(int rc)
    {
        if (rc >= 0) return rc;
        t_errno = BsdErrno.ToEngine(-rc);
        return -1;
    }
}
