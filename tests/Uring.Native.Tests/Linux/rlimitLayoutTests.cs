using Xunit;

namespace Uring.Native.Tests;

// struct rlimit as glibc and the kernel define it on 64-bit Linux.

/// <summary><c>struct rlimit</c>, sys/resource.h (x86_64/aarch64: two 64-bit rlim_t).</summary>
public sealed class rlimit_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<rlimit>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<rlimit>(typeof(rlimit_layout));

    [Theory]
    [InlineData(nameof(rlimit.rlim_cur), 0)]
    [InlineData(nameof(rlimit.rlim_max), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<rlimit>(field, offset);
}
