using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Engine.Memory;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>Reactors on each arena mode, and the zero-copy send path (registered arena, SEND_ZC and
/// SENDMSG_ZC) under load with every byte checked.</summary>
public class MemoryModeTests
{
    [SkippableTheory]
    [InlineData(ArenaMode.Plain)]
    [InlineData(ArenaMode.TransparentHugePages)]
    public async Task A_reactor_serves_from_an_arena_of_the_mode_asked_for(ArenaMode mode)
    {
        Skip.IfNot(mode != ArenaMode.TransparentHugePages || HugePageStatus.Read().Thp is ThpMode.Always or ThpMode.Madvise,
            "transparent hugepages are disabled on this machine");
        await using var server = new TestServer(new EchoModule(), o => o.ArenaMode = mode);
        Assert.Equal(mode, server.Server.Reactors[0].ArenaMode);
        Assert.Contains(server.Log, l => l.Contains("arena:"));
        await EchoSome(server, connections: 20, bytesEach: 256 * 1024);
    }

    [Fact]
    public async Task The_log_says_how_each_reactor_arena_is_mapped_and_which_heap_it_uses()
    {
        await using var server = new TestServer(new EchoModule(), reactors: 2);
        Assert.Equal(2, server.Log.Count(l => l.Contains("arena:") && l.Contains("native heap")));
        Assert.All(server.Server.Reactors, r => Assert.NotEqual(NativeHeapKind.Auto, r.Heap.Kind));
    }

    [Theory]
    [InlineData(1)]          // every send zero-copy: single blocks (fixed buffer) and gathered (SENDMSG_ZC)
    [InlineData(32 * 1024)]  // only the large ones
    public async Task Zero_copy_sends_deliver_every_byte_in_order(int threshold)
    {
        await using var server = new TestServer(new EchoModule(), o =>
        {
            o.SendZeroCopyThreshold = threshold;
            o.HighWaterMark = 512 * 1024;
            o.LowWaterMark = 128 * 1024;
        }, reactors: 2);
        if (server.Server.SelectedBackend == BackendKind.IoUring)
            Assert.Contains(server.Log, l => l.Contains("arena registered") && l.Contains($"SEND_ZC from {threshold} B"));
        await EchoSome(server, connections: 64, bytesEach: 1024 * 1024);
    }

    private static async Task EchoSome(TestServer server, int connections, int bytesEach)
    {
        var clients = Enumerable.Range(0, connections).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
        try
        {
            foreach (Socket c in clients) await c.ConnectAsync(server.EndPoint);
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                Task w = Payload.WriteAsync(c, bytesEach, 48 * 1024 + i, seed: 500 + i);
                await Payload.ReadAndVerifyAsync(c, bytesEach, seed: 500 + i);
                await w;
            })).WaitAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }
}
