using Xunit;

namespace Uring.Native.Tests;

/// <summary>sys/resource.h on Linux (include/uapi/asm-generic/resource.h: x86_64 and aarch64 alike).</summary>
public sealed class Resource_constants
{
    [Fact]
    public void Every_constant_is_checked() => Layout.AssertEveryConstantListed(typeof(Resource), typeof(Resource_constants));

    [Theory]
    [InlineData(nameof(Resource.RLIMIT_NOFILE), 7)]   // macOS 8
    [InlineData(nameof(Resource.RLIMIT_MEMLOCK), 8)]  // macOS 6
    [InlineData(nameof(Resource.RLIM_INFINITY), -1)]  // (~0UL)
    public void Limits(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(Resource), name));
}
