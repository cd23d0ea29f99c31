using Uring.Native.Bsd;
using Xunit;

namespace Uring.Native.Tests;

// The BSD/macOS structs of the kqueue build (LP64: macOS x86_64 and arm64, FreeBSD amd64 and arm64),
// from the XNU headers; checked with offsetof() on copies of those definitions.

/// <summary><c>struct timespec</c>, sys/_types/_timespec.h (macOS), sys/_timespec.h (FreeBSD): kevent()'s timeout.</summary>
public sealed class timespec_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<timespec>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<timespec>(typeof(timespec_layout));

    [Theory]
    [InlineData(nameof(timespec.tv_sec), 0)]
    [InlineData(nameof(timespec.tv_nsec), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<timespec>(field, offset);
}

/// <summary><c>struct iovec</c>, sys/uio.h.</summary>
public sealed class iovec_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<iovec>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<iovec>(typeof(iovec_layout));

    [Theory]
    [InlineData(nameof(iovec.iov_base), 0)]
    [InlineData(nameof(iovec.iov_len), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<iovec>(field, offset);
}

/// <summary><c>struct msghdr</c>, sys/socket.h, BSD layout (int msg_iovlen, socklen_t msg_controllen; Linux's is 56 bytes).</summary>
public sealed class msghdr_layout
{
    [Fact]
    public void Is_48_bytes() => Layout.AssertSize<msghdr>(48);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<msghdr>(typeof(msghdr_layout));

    [Theory]
    [InlineData(nameof(msghdr.msg_name), 0)]
    [InlineData(nameof(msghdr.msg_namelen), 8)]
    [InlineData(nameof(msghdr.msg_iov), 16)]
    [InlineData(nameof(msghdr.msg_iovlen), 24)]
    [InlineData(nameof(msghdr.msg_control), 32)]
    [InlineData(nameof(msghdr.msg_controllen), 40)]
    [InlineData(nameof(msghdr.msg_flags), 44)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<msghdr>(field, offset);
}

/// <summary><c>struct sockaddr</c>, sys/socket.h, BSD layout (length byte, 8-bit family).</summary>
public sealed class sockaddr_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<sockaddr>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<sockaddr>(typeof(sockaddr_layout));

    [Theory]
    [InlineData(nameof(sockaddr.sa_len), 0)]
    [InlineData(nameof(sockaddr.sa_family), 1)]
    [InlineData(nameof(sockaddr.sa_data), 2)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<sockaddr>(field, offset);
}

/// <summary><c>struct sockaddr_in</c>, netinet/in.h, BSD layout.</summary>
public sealed class sockaddr_in_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<sockaddr_in>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<sockaddr_in>(typeof(sockaddr_in_layout));

    [Theory]
    [InlineData(nameof(sockaddr_in.sin_len), 0)]
    [InlineData(nameof(sockaddr_in.sin_family), 1)]
    [InlineData(nameof(sockaddr_in.sin_port), 2)]
    [InlineData(nameof(sockaddr_in.sin_addr), 4)]
    [InlineData(nameof(sockaddr_in.sin_zero), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<sockaddr_in>(field, offset);
}

/// <summary><c>struct sockaddr_in6</c>, netinet6/in6.h, BSD layout.</summary>
public sealed class sockaddr_in6_layout
{
    [Fact]
    public void Is_28_bytes() => Layout.AssertSize<sockaddr_in6>(28);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<sockaddr_in6>(typeof(sockaddr_in6_layout));

    [Theory]
    [InlineData(nameof(sockaddr_in6.sin6_len), 0)]
    [InlineData(nameof(sockaddr_in6.sin6_family), 1)]
    [InlineData(nameof(sockaddr_in6.sin6_port), 2)]
    [InlineData(nameof(sockaddr_in6.sin6_flowinfo), 4)]
    [InlineData(nameof(sockaddr_in6.sin6_addr), 8)]
    [InlineData(nameof(sockaddr_in6.sin6_scope_id), 24)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<sockaddr_in6>(field, offset);
}
