using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests.Examples;

/// <summary>The echo module over real loopback sockets: many connections, every byte checked.</summary>
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

    [Fact]
    public async Task A_thousand_concurrent_connections_over_two_reactors()
    {
        await using var server = new TestServer(new EchoModule(), reactors: 2);
        const int connections = 1000;
        const int bytesEach = 8 * 1024;
        var clients = new Socket[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await clients[i].ConnectAsync(server.EndPoint);
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                Task write = Payload.WriteAsync(clients[i], bytesEach, 1000, seed: i);
                long got = await Payload.ReadAndVerifyAsync(clients[i], bytesEach, seed: i);
                await write;
                Assert.Equal(bytesEach, got);
            })).WaitAsync(TimeSpan.FromSeconds(60));
            // SO_REUSEPORT spread the connections over both reactors.
            Assert.All(server.Server.Reactors, r => Assert.True(r.AcceptedConnections > 0, $"reactor {r.Index} accepted none"));
            Assert.Equal(connections, server.Server.Reactors.Sum(r => r.AcceptedConnections));
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task A_tiny_buffer_ring_under_load_loses_and_reorders_nothing()
    {
        // 4 receive buffers of 512 bytes for 50 busy connections: the kernel runs out of buffers
        // all the time (-ENOBUFS ends the multishot receive), and the engine must re-arm in order.
        await using var server = new TestServer(new EchoModule(), o =>
        {
            o.ReceiveBufferCount = 4;
            o.ReceiveBufferSize = 512;
        });
        const int connections = 50;
        const int bytesEach = 64 * 1024;
        var clients = new Socket[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await clients[i].ConnectAsync(server.EndPoint);
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                Task write = Payload.WriteAsync(clients[i], bytesEach, 4096, seed: i);
                await Payload.ReadAndVerifyAsync(clients[i], bytesEach, seed: i);
                await write;
            })).WaitAsync(TimeSpan.FromSeconds(60));
            // epoll reads one buffer at a time and recycles it at once; only the kernel-filled ring runs dry here.
            if (server.Server.SelectedBackend == BackendKind.IoUring)
                Assert.True(server.Server.Reactors[0].BufferStarvations > 0, "the test should have exhausted the buffer ring");
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task Sixty_four_megabytes_to_a_slow_reader_arrive_intact_with_bounded_memory()
    {
        await using var server = new TestServer(new EchoModule(), o =>
        {
            o.HighWaterMark = 512 * 1024;
            o.LowWaterMark = 128 * 1024;
        });
        const long total = 64L * 1024 * 1024;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(server.EndPoint);

        Task write = Payload.WriteAsync(client, total, 256 * 1024, seed: 7, halfClose: true);
        // The reader dawdles at first, so the server's output backs up and reading must pause.
        long got = await Payload.ReadAndVerifyAsync(client, total, seed: 7, async read =>
        {
            if (read < 8 * 1024 * 1024 && read % (512 * 1024) < 64 * 1024) await Task.Delay(20);
        }).WaitAsync(TimeSpan.FromSeconds(120));
        await write;
        Assert.Equal(total, got);
        Assert.True(await Payload.ClosedByPeerAsync(client, TimeSpan.FromSeconds(5)), "after our FIN the server should close");

        // Output was held back by backpressure, not buffered: the send pool stayed small.
        Reactor r = server.Server.Reactors[0];
        long poolBytes = (long)r.SendPoolBlocks * server.Server.Options.SendBlockSize;
        Assert.True(poolBytes <= 8 * 1024 * 1024, $"send pool grew to {poolBytes} bytes");
    }
}
