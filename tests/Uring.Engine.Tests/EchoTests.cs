using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

public class EchoTests
{
    [Fact]
    public async Task Echoes_bytes_back()
    {
        await using var server = new TestServer(new EchoModule());
        using TcpClient client = await server.ConnectAsync();
        NetworkStream s = client.GetStream();
        byte[] msg = "hello, uring"u8.ToArray();
        await s.WriteAsync(msg);
        byte[] got = new byte[msg.Length];
        await s.ReadExactlyAsync(got);
        Assert.Equal(msg, got);
    }
}
