using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>sys/socket.h, macOS values (FreeBSD differences noted). Linux differs in nearly every
/// socket-level number: SOL_SOCKET is 1 there and the SO_* options are small integers.</summary>
public static unsafe partial class LibC
{
    public const int SOCK_STREAM = 1;

    public const int AF_INET = 2;
    /// <summary>30 on macOS; 28 on FreeBSD (10 on Linux).</summary>
    public const int AF_INET6 = 30;

    /// <summary>The socket-level option level: 0xffff on the BSDs (1 on Linux).</summary>
    public const int SOL_SOCKET = 0xffff;
    public const int SO_REUSEADDR = 0x0004;
    public const int SO_KEEPALIVE = 0x0008;
    public const int SO_LINGER = 0x0080;
    /// <summary>Lets several sockets bind one port. Unlike Linux, macOS does not spread new connections
    /// across them; FreeBSD does that only with SO_REUSEPORT_LB.</summary>
    public const int SO_REUSEPORT = 0x0200;
    /// <summary>FreeBSD 12+: SO_REUSEPORT with load balancing across the listeners.</summary>
    public const int SO_REUSEPORT_LB = 0x10000;
    public const int SO_SNDBUF = 0x1001;
    public const int SO_RCVBUF = 0x1002;
    public const int SO_ERROR = 0x1007;
    /// <summary>A write to a closed connection fails with EPIPE instead of raising SIGPIPE; inherited by
    /// accepted sockets. 0x1022 on macOS; 0x0800 on FreeBSD (which also has MSG_NOSIGNAL).</summary>
    public const int SO_NOSIGPIPE = 0x1022;

    /// <summary>Non-blocking for this one call, whatever the descriptor's O_NONBLOCK.</summary>
    public const int MSG_DONTWAIT = 0x80;

    public const int SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

    public static int socket(int domain, int type, int protocol) => Result(socket_(domain, type, protocol));

    public static int bind(int fd, sockaddr* addr, uint addrlen) => Result(bind_(fd, addr, addrlen));

    public static int listen(int fd, int backlog) => Result(listen_(fd, backlog));

    /// <summary>BSD accept(): the new socket inherits the listener's O_NONBLOCK (not FD_CLOEXEC); macOS has no accept4.</summary>
    public static int accept(int fd, sockaddr* addr, uint* addrlen) => Result(accept_(fd, addr, addrlen));

    public static int connect(int fd, sockaddr* addr, uint addrlen) => Result(connect_(fd, addr, addrlen));

    public static int shutdown(int fd, int how) => Result(shutdown_(fd, how));

    public static int setsockopt(int fd, int level, int name, void* value, uint len) => Result(setsockopt_(fd, level, name, value, len));

    public static int getsockopt(int fd, int level, int name, void* value, uint* len) => Result(getsockopt_(fd, level, name, value, len));

    public static int getsockname(int fd, sockaddr* addr, uint* addrlen) => Result(getsockname_(fd, addr, addrlen));

    public static int getpeername(int fd, sockaddr* addr, uint* addrlen) => Result(getpeername_(fd, addr, addrlen));

    public static nint sendmsg(int fd, msghdr* msg, int flags) => Result(sendmsg_(fd, msg, flags));

    public static nint recv(int fd, void* buf, nuint len, int flags) => Result(recv_(fd, buf, len, flags));

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int socket_(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int bind_(int fd, sockaddr* addr, uint addrlen);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int listen_(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "accept", SetLastError = true)]
    private static partial int accept_(int fd, sockaddr* addr, uint* addrlen);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int connect_(int fd, sockaddr* addr, uint addrlen);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    private static partial int shutdown_(int fd, int how);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int setsockopt_(int fd, int level, int name, void* value, uint len);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int getsockopt_(int fd, int level, int name, void* value, uint* len);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int getsockname_(int fd, sockaddr* addr, uint* addrlen);

    [LibraryImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static partial int getpeername_(int fd, sockaddr* addr, uint* addrlen);

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint sendmsg_(int fd, msghdr* msg, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint recv_(int fd, void* buf, nuint len, int flags);
}
