using System.Net;
using Xunit;

namespace Uring.Engine.Tests;

public class ParsingTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0,2,4-7", new[] { 0, 2, 4, 5, 6, 7 })]
    [InlineData(" 3 , 1 ", new[] { 1, 3 })]
    [InlineData("1,1,0-1", new[] { 0, 1 })]
    public void Core_lists(string text, int[] expected)
    {
        Assert.True(CoreList.TryParse(text, out int[] cores, out string? error), error);
        Assert.Equal(expected, cores);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("-1")]
    [InlineData("0,,1")]
    [InlineData("1-")]
    [InlineData("99999")]
    public void Bad_core_lists_say_why(string text)
    {
        Assert.False(CoreList.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void All_means_every_allowed_cpu()
    {
        Assert.True(CoreList.TryParse("all", out int[] cores, out _));
        Assert.NotEmpty(cores);
        Assert.True(cores.Length <= System.Environment.ProcessorCount);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("*:80", "0.0.0.0:80")]
    [InlineData("8080", "0.0.0.0:8080")]
    [InlineData("[::1]:9000", "[::1]:9000")]
    [InlineData("localhost:81", "127.0.0.1:81")]
    public void Listen_addresses(string text, string expected)
    {
        Assert.True(ListenAddress.TryParse(text, out IPEndPoint ep));
        Assert.Equal(expected, ep.ToString());
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("1.2.3.4")]
    [InlineData("host:80")]
    [InlineData("1.2.3.4:99999")]
    [InlineData("")]
    public void Bad_listen_addresses(string text) => Assert.False(ListenAddress.TryParse(text, out _));
}
