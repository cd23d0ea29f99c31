using Uring.Native.Bsd;
using Xunit;

namespace Uring.Native.Tests;

// struct kevent from XNU's sys/event.h (declared under #pragma pack(4), which moves nothing on LP64).

/// <summary><c>struct kevent</c>, sys/event.h, macOS layout (FreeBSD 12+ appends ext[4] at offset 32: 64 bytes).</summary>
public sealed class kevent_layout
{
    [Fact]
    public void Is_32_bytes() => Layout.AssertSize<kevent>(32);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<kevent>(typeof(kevent_layout));

    [Theory]
    [InlineData(nameof(kevent.ident), 0)]
    [InlineData(nameof(kevent.filter), 8)]
    [InlineData(nameof(kevent.flags), 10)]
    [InlineData(nameof(kevent.fflags), 12)]
    [InlineData(nameof(kevent.data), 16)]
    [InlineData(nameof(kevent.udata), 24)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<kevent>(field, offset);
}
