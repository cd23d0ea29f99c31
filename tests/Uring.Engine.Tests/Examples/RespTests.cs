using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests.Examples;

public class RespParserTests
{
    private static string[] Parse(string text, out int consumed)
    {
        byte[] input = Encoding.ASCII.GetBytes(text);
        Span<Range> args = stackalloc Range[RespParser.MaxArguments];
        Assert.Equal(RespParser.Result.Complete, RespParser.TryParse(input, args, out int argc, out consumed, out _));
        var result = new string[argc];
        for (int i = 0; i < argc; i++) result[i] = Encoding.ASCII.GetString(input[args[i]]);
        return result;
    }

    [Fact]
    public void Array_of_bulk_strings()
    {
        Assert.Equal(new[] { "SET", "key", "a\r\nb" }, Parse("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$4\r\na\r\nb\r\nrest", out int consumed));
        Assert.Equal(32, consumed);
    }

    [Fact]
    public void Inline_commands() => Assert.Equal(new[] { "SET", "k", "v" }, Parse("SET  k v\r\n", out _));

    [Fact]
    public void Every_split_point_is_incomplete_until_the_last_byte()
    {
        byte[] cmd = "*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n"u8.ToArray();
        Span<Range> args = stackalloc Range[RespParser.MaxArguments];
        for (int cut = 0; cut < cmd.Length; cut++)
            Assert.Equal(RespParser.Result.Incomplete, RespParser.TryParse(cmd.AsSpan(0, cut), args, out _, out _, out _));
        Assert.Equal(RespParser.Result.Complete, RespParser.TryParse(cmd, args, out int argc, out int consumed, out _));
        Assert.Equal(2, argc);
        Assert.Equal(cmd.Length, consumed);
    }

    [Theory]
    [InlineData("*2\r\n+OK\r\n")]
    [InlineData("*1\r\n$3\r\nabcX\n")]
    [InlineData("*x\r\n")]
    [InlineData("*-5\r\n")]
    [InlineData("*1\r\n$-2\r\n")]
    [InlineData("*1000\r\n")]
    [InlineData("*1\n")]
    public void Malformed_input_is_an_error_not_an_exception(string text)
    {
        Span<Range> args = stackalloc Range[RespParser.MaxArguments];
        Assert.Equal(RespParser.Result.Error, RespParser.TryParse(Encoding.ASCII.GetBytes(text), args, out _, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}

public class RespTests
{
    private static async Task<string> Exchange(TcpClient client, string request, int expectedBytes)
    {
        NetworkStream s = client.GetStream();
        await s.WriteAsync(Encoding.ASCII.GetBytes(request));
        byte[] buf = new byte[expectedBytes];
        await s.ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(buf);
    }

    [Fact]
    public async Task Commands_over_one_connection()
    {
        await using var server = new TestServer(new RespModule());
        using TcpClient c = await server.ConnectAsync();
        Assert.Equal("+PONG\r\n", await Exchange(c, "*1\r\n$4\r\nPING\r\n", 7));
        Assert.Equal("$2\r\nhi\r\n", await Exchange(c, "*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n", 8));
        Assert.Equal("+OK\r\n", await Exchange(c, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n", 5));
        Assert.Equal("$5\r\nvalue\r\n", await Exchange(c, "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", 11));
        Assert.Equal("$-1\r\n", await Exchange(c, "GET missing\r\n", 5));
        Assert.Equal(":1\r\n", await Exchange(c, "DEL k\r\n", 4));
        string unknown = "-ERR unknown command 'NOPE'\r\n";
        Assert.Equal(unknown, await Exchange(c, "NOPE\r\n", unknown.Length));
        string arity = "-ERR wrong number of arguments for 'get' command\r\n";
        Assert.Equal(arity, await Exchange(c, "GET\r\n", arity.Length));
    }

    [Fact]
    public async Task Pipelined_commands_split_at_every_byte_give_the_same_replies()
    {
        await using var server = new TestServer(new RespModule());
        byte[] script = Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$3\r\nabc\r\n$3\r\nxyz\r\n*2\r\n$3\r\nGET\r\n$3\r\nabc\r\nPING\r\n");
        const string expected = "+OK\r\n$3\r\nxyz\r\n+PONG\r\n";
        for (int cut = 1; cut < script.Length; cut += 3)
        {
            using TcpClient c = await server.ConnectAsync();
            NetworkStream s = c.GetStream();
            await s.WriteAsync(script.AsMemory(0, cut));
            await s.FlushAsync();
            await Task.Delay(2); // let the first part arrive on its own
            await s.WriteAsync(script.AsMemory(cut));
            byte[] buf = new byte[expected.Length];
            await s.ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(expected, Encoding.ASCII.GetString(buf));
        }
    }

    [Fact]
    public async Task A_protocol_error_answers_and_closes()
    {
        await using var server = new TestServer(new RespModule());
        using TcpClient c = await server.ConnectAsync();
        await c.GetStream().WriteAsync("*1\r\n+bad\r\n"u8.ToArray());
        byte[] buf = new byte[256];
        int n = await c.GetStream().ReadAsync(buf);
        Assert.StartsWith("-ERR Protocol error", Encoding.ASCII.GetString(buf, 0, n));
        Assert.True(await Payload.ClosedByPeerAsync(c.Client, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Quit_closes_after_the_reply()
    {
        await using var server = new TestServer(new RespModule());
        using TcpClient c = await server.ConnectAsync();
        Assert.Equal("+OK\r\n", await Exchange(c, "QUIT\r\n", 5));
        Assert.True(await Payload.ClosedByPeerAsync(c.Client, TimeSpan.FromSeconds(5)));
    }
}
