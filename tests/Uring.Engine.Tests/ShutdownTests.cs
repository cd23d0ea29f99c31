using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

public class ShutdownTests
{
    [Fact]
    public async Task Graceful_shutdown_with_data_in_flight_loses_no_byte()
    {
        var server = new TestServer(new EchoModule(), o => { o.HighWaterMark = 256 * 1024; o.LowWaterMark = 64 * 1024; });
        const long total = 16L * 1024 * 1024;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.EndPoint);

        Task write = Payload.WriteAsync(client, total, 64 * 1024, seed: 3, halfClose: true);
        Task stopped = Task.CompletedTask;
        long got = await Payload.ReadAndVerifyAsync(client, total, seed: 3, async read =>
        {
            if (read >= total / 4 && stopped.IsCompleted && !_stopRequested)
            {
                _stopRequested = true;
                stopped = server.Server.StopAsync(TimeSpan.FromSeconds(30)); // while bytes are in flight both ways
            }
            if (read < total / 2) await Task.Delay(1); // keep data queued in the server
        }).WaitAsync(TimeSpan.FromSeconds(60));
        await write;
        Assert.Equal(total, got);
        Assert.True(_stopRequested);
        Assert.True(await Payload.ClosedByPeerAsync(client, TimeSpan.FromSeconds(10)));
        await server.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private bool _stopRequested;

    [Fact]
    public async Task Stop_refuses_new_connections_and_aborts_what_remains_at_the_deadline()
    {
        var server = new TestServer(new EchoModule());
        using var idle = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await idle.ConnectAsync(server.EndPoint);
        await idle.SendAsync("x"u8.ToArray());
        byte[] one = new byte[1];
        await idle.ReceiveAsync(one); // accepted and served

        var started = System.Diagnostics.Stopwatch.StartNew();
        // Echo keeps an open connection through the drain (the peer decides when it is done),
        // so the deadline has to abort it.
        await server.Server.StopAsync(TimeSpan.FromMilliseconds(300)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(started.ElapsedMilliseconds, 250, 5000);
        Assert.True(await Payload.ClosedByPeerAsync(idle, TimeSpan.FromSeconds(5)));

        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(server.EndPoint));
    }
}

[Collection(SequentialCollection.Name)]
public class DescriptorLeakTests
{
    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    [Fact]
    public async Task The_process_descriptor_count_returns_to_its_start_after_all_connections_close()
    {
        // Warm up: the first servers create process-wide descriptors that stay for the life of the
        // process — the runtime's socket engine, and the ring other threads wake sleeping reactors
        // with (created on the first wake of a reactor that was asleep, hence the idle pause).
        await RunLoad(10, idleFirst: true);
        await RunLoad(10, idleFirst: true);
        await Task.Delay(200);
        // The same load once more, so every assembly the runtime maps lazily on this path (it keeps
        // a descriptor per mapped assembly, e.g. System.Net.NameResolution) is already there.
        await RunLoad(300);
        await Task.Delay(200);
        int before = OpenDescriptors();
        await RunLoad(300);
        int after = 0;
        for (int i = 0; i < 50; i++)
        {
            await Task.Delay(100); // closed sockets of the client side may linger a moment in the runtime
            after = OpenDescriptors();
            if (after <= before) break;
        }
        Assert.Equal(before, after);
    }

    private static async Task RunLoad(int connections, bool idleFirst = false)
    {
        await using var server = new TestServer(new EchoModule(), reactors: 2);
        if (idleFirst)
        {
            await Task.Delay(300); // the reactors go to sleep...
            var woke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            server.Server.Reactors[0].Post(static s => ((TaskCompletionSource)s!).SetResult(), woke); // ...and are woken from here
            await woke.Task;
        }
        var clients = Enumerable.Range(0, connections).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
        try
        {
            foreach (Socket c in clients) await c.ConnectAsync(server.EndPoint);
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                Task w = Payload.WriteAsync(c, 4096, 4096, seed: i);
                await Payload.ReadAndVerifyAsync(c, 4096, seed: i);
                await w;
            }));
            // Half of them close first, the other half are left to the server's shutdown.
            for (int i = 0; i < clients.Length / 2; i++) clients[i].Close();
        }
        finally
        {
            await server.Server.StopAsync(TimeSpan.FromMilliseconds(200));
            foreach (Socket c in clients) c.Dispose();
        }
        Assert.All(server.Server.Reactors, r => Assert.Equal(0, r.ConnectionCount));
    }
}
