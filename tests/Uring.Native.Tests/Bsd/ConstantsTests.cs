using Uring.Native.Bsd;
using Xunit;

namespace Uring.Native.Tests;

/// <summary>The BSD/macOS constants of the kqueue build, macOS values from the XNU headers (the comments
/// give FreeBSD's where it differs, and Linux's where the engine's Linux code uses another).</summary>
public sealed class Bsd_constants
{
    [Fact]
    public void Every_constant_is_checked() => Layout.AssertEveryConstantListed(typeof(LibC), typeof(Bsd_constants), typeof(Event_constants));

    /// <summary>sys/socket.h.</summary>
    [Theory]
    [InlineData(nameof(LibC.SOCK_STREAM), 1)]
    [InlineData(nameof(LibC.AF_INET), 2)]
    [InlineData(nameof(LibC.AF_INET6), 30)]          // FreeBSD 28, Linux 10
    [InlineData(nameof(LibC.SOL_SOCKET), 0xffff)]    // Linux 1
    [InlineData(nameof(LibC.SO_REUSEADDR), 0x0004)]  // Linux 2
    [InlineData(nameof(LibC.SO_KEEPALIVE), 0x0008)]  // Linux 9
    [InlineData(nameof(LibC.SO_LINGER), 0x0080)]     // Linux 13
    [InlineData(nameof(LibC.SO_REUSEPORT), 0x0200)]  // Linux 15
    [InlineData(nameof(LibC.SO_REUSEPORT_LB), 0x10000)] // FreeBSD 12+ only
    [InlineData(nameof(LibC.SO_SNDBUF), 0x1001)]     // Linux 7
    [InlineData(nameof(LibC.SO_RCVBUF), 0x1002)]     // Linux 8
    [InlineData(nameof(LibC.SO_ERROR), 0x1007)]      // Linux 4
    [InlineData(nameof(LibC.SO_NOSIGPIPE), 0x1022)]  // FreeBSD 0x0800; Linux has none
    [InlineData(nameof(LibC.MSG_DONTWAIT), 0x80)]    // Linux 0x40
    [InlineData(nameof(LibC.SHUT_RD), 0)]
    [InlineData(nameof(LibC.SHUT_WR), 1)]
    [InlineData(nameof(LibC.SHUT_RDWR), 2)]
    public void Socket(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>netinet/in.h and netinet/tcp.h.</summary>
    [Theory]
    [InlineData(nameof(LibC.IPPROTO_TCP), 6)]
    [InlineData(nameof(LibC.IPPROTO_IPV6), 41)]
    [InlineData(nameof(LibC.IPV6_V6ONLY), 27)]       // Linux 26
    [InlineData(nameof(LibC.TCP_NODELAY), 1)]
    public void In(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>sys/mman.h.</summary>
    [Theory]
    [InlineData(nameof(LibC.PROT_NONE), 0x00)]
    [InlineData(nameof(LibC.PROT_READ), 0x01)]
    [InlineData(nameof(LibC.PROT_WRITE), 0x02)]
    [InlineData(nameof(LibC.MAP_SHARED), 0x0001)]
    [InlineData(nameof(LibC.MAP_PRIVATE), 0x0002)]
    [InlineData(nameof(LibC.MAP_ANON), 0x1000)]      // Linux MAP_ANONYMOUS 0x20
    public void Mman(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>fcntl.h.</summary>
    [Theory]
    [InlineData(nameof(LibC.F_GETFD), 1)]
    [InlineData(nameof(LibC.F_SETFD), 2)]
    [InlineData(nameof(LibC.F_GETFL), 3)]
    [InlineData(nameof(LibC.F_SETFL), 4)]
    [InlineData(nameof(LibC.FD_CLOEXEC), 1)]
    [InlineData(nameof(LibC.O_NONBLOCK), 0x0004)]    // Linux 0x800
    public void Fcntl(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>sys/errno.h.</summary>
    [Theory]
    [InlineData(nameof(LibC.EPERM), 1)]
    [InlineData(nameof(LibC.ENOENT), 2)]
    [InlineData(nameof(LibC.EINTR), 4)]
    [InlineData(nameof(LibC.EIO), 5)]
    [InlineData(nameof(LibC.EBADF), 9)]
    [InlineData(nameof(LibC.EDEADLK), 11)]           // Linux: 11 is EAGAIN
    [InlineData(nameof(LibC.ENOMEM), 12)]
    [InlineData(nameof(LibC.EACCES), 13)]
    [InlineData(nameof(LibC.EFAULT), 14)]
    [InlineData(nameof(LibC.EBUSY), 16)]
    [InlineData(nameof(LibC.EEXIST), 17)]
    [InlineData(nameof(LibC.EINVAL), 22)]
    [InlineData(nameof(LibC.ENFILE), 23)]
    [InlineData(nameof(LibC.EMFILE), 24)]
    [InlineData(nameof(LibC.EPIPE), 32)]
    [InlineData(nameof(LibC.EAGAIN), 35)]
    [InlineData(nameof(LibC.EWOULDBLOCK), 35)]
    [InlineData(nameof(LibC.EINPROGRESS), 36)]
    [InlineData(nameof(LibC.EALREADY), 37)]
    [InlineData(nameof(LibC.ENOTSOCK), 38)]
    [InlineData(nameof(LibC.EMSGSIZE), 40)]
    [InlineData(nameof(LibC.ENOPROTOOPT), 42)]
    [InlineData(nameof(LibC.ENOTSUP), 45)]
    [InlineData(nameof(LibC.EAFNOSUPPORT), 47)]
    [InlineData(nameof(LibC.EADDRINUSE), 48)]
    [InlineData(nameof(LibC.EADDRNOTAVAIL), 49)]
    [InlineData(nameof(LibC.ENETDOWN), 50)]
    [InlineData(nameof(LibC.ENETUNREACH), 51)]
    [InlineData(nameof(LibC.ENETRESET), 52)]
    [InlineData(nameof(LibC.ECONNABORTED), 53)]
    [InlineData(nameof(LibC.ECONNRESET), 54)]
    [InlineData(nameof(LibC.ENOBUFS), 55)]
    [InlineData(nameof(LibC.EISCONN), 56)]
    [InlineData(nameof(LibC.ENOTCONN), 57)]
    [InlineData(nameof(LibC.ESHUTDOWN), 58)]
    [InlineData(nameof(LibC.ETIMEDOUT), 60)]
    [InlineData(nameof(LibC.ECONNREFUSED), 61)]
    [InlineData(nameof(LibC.EHOSTDOWN), 64)]
    [InlineData(nameof(LibC.EHOSTUNREACH), 65)]
    [InlineData(nameof(LibC.ENOSYS), 78)]
    [InlineData(nameof(LibC.ECANCELED), 89)]         // FreeBSD 85
    [InlineData(nameof(LibC.ETIME), 101)]            // macOS only
    [InlineData(nameof(LibC.EOPNOTSUPP), 102)]       // FreeBSD 45
    public void Errno(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));
}
