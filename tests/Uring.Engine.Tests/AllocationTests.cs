using System;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>The steady state allocates nothing on the GC heap: measured on the reactor's own thread.</summary>
public class AllocationTests
{
    private static Task<long> ReactorAllocatedBytes(Reactor r)
    {
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        r.Post(static s => ((TaskCompletionSource<long>)s!).TrySetResult(GC.GetAllocatedBytesForCurrentThread()), tcs);
        return tcs.Task;
    }

    [Fact]
    public async Task Echoing_a_hundred_thousand_messages_allocates_nothing_on_the_reactor()
    {
        await using var server = new TestServer(new EchoModule());
        Reactor reactor = server.Server.Reactors[0];
        const int connections = 10;
        var clients = Enumerable.Range(0, connections).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }).ToArray();
        foreach (Socket c in clients) await c.ConnectAsync(server.EndPoint);
        try
        {
            await PingPong(clients, 1_000); // warm: pools filled, code jitted
            long before = await ReactorAllocatedBytes(reactor);
            await PingPong(clients, 10_000); // 100,000 messages in all
            long after = await ReactorAllocatedBytes(reactor);
            // The two probes themselves allocate nothing on the reactor; a few bytes of slack for
            // one-time runtime work (tiering) that may land in the window.
            Assert.True(after - before < 4096, $"the reactor allocated {after - before} bytes for 100,000 messages");
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }

    private static Task PingPong(Socket[] clients, int rounds) => Task.WhenAll(clients.Select(async c =>
    {
        byte[] msg = new byte[32];
        byte[] reply = new byte[32];
        for (int i = 0; i < rounds; i++)
        {
            await c.SendAsync(msg, SocketFlags.None);
            int got = 0;
            while (got < reply.Length) got += await c.ReceiveAsync(reply.AsMemory(got), SocketFlags.None);
        }
    }));
}
