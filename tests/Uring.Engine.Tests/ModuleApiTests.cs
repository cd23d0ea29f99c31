using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>The protocol-module contract: leases, timeouts, limits, upgrades, outbound connections, posting, failures.</summary>
public class ModuleApiTests
{
    [Fact]
    public async Task Retained_buffers_starve_the_reactor_and_it_recovers_when_they_come_back()
    {
        await using var server = new TestServer(new LambdaModule(_ => new HoardingEchoHandler()), o =>
        {
            o.ReceiveBufferCount = 4;
            o.ReceiveBufferSize = 1024;
        });
        const int connections = 8;
        const int bytesEach = 256 * 1024;
        var clients = Enumerable.Range(0, connections).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
        foreach (Socket c in clients) await c.ConnectAsync(server.EndPoint);
        try
        {
            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                Task w = Payload.WriteAsync(c, bytesEach, 8192, seed: 100 + i);
                await Payload.ReadAndVerifyAsync(c, bytesEach, seed: 100 + i);
                await w;
            })).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(server.Server.Reactors[0].BufferStarvations > 0);
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task A_lease_released_twice_throws_and_a_buffer_cannot_be_retained_after_its_callback()
    {
        var errors = new ConcurrentQueue<string>();
        await using var server = new TestServer(new LambdaModule(_ => new DoubleReleaseHandler(errors)));
        using TcpClient client = await server.ConnectAsync();
        await client.GetStream().WriteAsync("x"u8.ToArray());
        byte[] reply = new byte[2];
        await client.GetStream().ReadExactlyAsync(reply);
        Assert.Equal("ok"u8.ToArray(), reply);
        Assert.Contains("second release threw", errors);
    }

    private sealed class DoubleReleaseHandler : ConnectionHandler
    {
        private readonly ConcurrentQueue<string> _log;
        public DoubleReleaseHandler(ConcurrentQueue<string> log) => _log = log;

        public override void OnData(Connection connection, ReceivedData data)
        {
            BufferLease lease = data.Retain();
            try
            {
                data.Retain();
            }
            catch (InvalidOperationException)
            {
                _log.Enqueue("second retain threw");
            }
            lease.Release();
            try
            {
                lease.Release();
            }
            catch (InvalidOperationException)
            {
                _log.Enqueue("second release threw");
            }
            connection.Write("ok"u8);
        }
    }

    [Fact]
    public async Task A_connection_timeout_fires_and_closes_the_connection()
    {
        var closed = new TaskCompletionSource<CloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(new LambdaModule(_ => new TimeoutHandler(closed)));
        // Timed from before the connect: the server arms its 100 ms after accepting, so the close can
        // come no sooner, however late this test's own continuations run on a busy thread pool.
        var started = System.Diagnostics.Stopwatch.StartNew();
        using TcpClient client = await server.ConnectAsync();
        Assert.True(await Payload.ClosedByPeerAsync(client.Client, TimeSpan.FromSeconds(5)));
        Assert.Equal(CloseReason.Timeout, await closed.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(started.ElapsedMilliseconds, 90, 4000);
    }

    private sealed class TimeoutHandler : ConnectionHandler
    {
        private readonly TaskCompletionSource<CloseReason> _closed;
        public TimeoutHandler(TaskCompletionSource<CloseReason> closed) => _closed = closed;
        public override void OnOpened(Connection connection) => connection.SetTimeout(100);
        public override void OnData(Connection connection, ReceivedData data) { }
        public override void OnClosed(Connection connection, CloseReason reason) => _closed.TrySetResult(reason);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_at_once_and_the_rest_keep_working()
    {
        await using var server = new TestServer(new EchoModule(), o => o.MaxConnectionsPerReactor = 5);
        var clients = new TcpClient[10];
        for (int i = 0; i < clients.Length; i++) clients[i] = await server.ConnectAsync();
        try
        {
            int served = 0, refused = 0;
            foreach (TcpClient c in clients)
            {
                try
                {
                    await c.GetStream().WriteAsync("ping"u8.ToArray());
                    byte[] buf = new byte[4];
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    int n = await c.GetStream().ReadAsync(buf, cts.Token);
                    if (n == 4) served++;
                    else refused++;
                }
                catch (IOException)
                {
                    refused++;
                }
            }
            Assert.Equal(5, served);
            Assert.Equal(5, refused);
            Assert.Equal(5, server.Server.Reactors[0].RejectedConnections);
        }
        finally
        {
            foreach (TcpClient c in clients) c.Dispose();
        }
    }

    [Fact]
    public async Task An_exception_in_a_handler_aborts_only_that_connection()
    {
        await using var server = new TestServer(new LambdaModule(_ => new ThrowingHandler()));
        using TcpClient bad = await server.ConnectAsync();
        using TcpClient good = await server.ConnectAsync();
        await bad.GetStream().WriteAsync("boom"u8.ToArray());
        Assert.True(await Payload.ClosedByPeerAsync(bad.Client, TimeSpan.FromSeconds(5)));
        await good.GetStream().WriteAsync("fine"u8.ToArray());
        byte[] buf = new byte[4];
        await good.GetStream().ReadExactlyAsync(buf);
        Assert.Equal("fine"u8.ToArray(), buf);
        Assert.Contains(server.Log, l => l.Contains("OnData threw"));
    }

    private sealed class ThrowingHandler : ConnectionHandler
    {
        public override void OnData(Connection connection, ReceivedData data)
        {
            if (data.Span.SequenceEqual("boom"u8)) throw new InvalidOperationException("handler bug");
            connection.Write(data.Span);
        }
    }

    [Fact]
    public async Task A_handler_can_hand_the_connection_and_the_bytes_after_the_switch_point_to_another()
    {
        await using var server = new TestServer(new LambdaModule(_ => new UpgradeHandler()));
        using TcpClient client = await server.ConnectAsync();
        // The upgrade line and the first bytes of the new protocol arrive in one segment.
        await client.GetStream().WriteAsync("UPGRADE\nhello"u8.ToArray());
        byte[] buf = new byte[3 + 5];
        await client.GetStream().ReadExactlyAsync(buf);
        Assert.Equal("OK\nhello", System.Text.Encoding.ASCII.GetString(buf));
        await client.GetStream().WriteAsync("again"u8.ToArray());
        byte[] more = new byte[5];
        await client.GetStream().ReadExactlyAsync(more);
        Assert.Equal("again", System.Text.Encoding.ASCII.GetString(more));
    }

    private sealed class UpgradeHandler : ConnectionHandler
    {
        public override void OnData(Connection connection, ReceivedData data)
        {
            int nl = data.Span.IndexOf((byte)'\n');
            if (nl < 0) return;
            connection.Write("OK\n"u8);
            connection.SwitchHandler(new EchoModule().CreateHandler(connection), data.Slice(nl + 1));
        }
    }

    [Fact]
    public async Task A_reactor_connects_out_and_talks_to_another_server()
    {
        await using var upstream = new TestServer(new EchoModule());
        var result = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new OutboundProbe(result);
        await using var server = new TestServer(new EchoModule());
        Reactor r = server.Server.Reactors[0];
        r.Post(static s =>
        {
            var (reactor, ep, handler) = ((Reactor, IPEndPoint, OutboundProbe))s!;
            reactor.Connect(ep, handler);
        }, (r, upstream.EndPoint, client));
        Assert.Equal("opened;echo:ping;closed:Local", await result.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private sealed class OutboundProbe : ConnectionHandler
    {
        private readonly TaskCompletionSource<string> _result;
        private string _log = "";
        public OutboundProbe(TaskCompletionSource<string> result) => _result = result;

        public override void OnOpened(Connection connection)
        {
            _log += "opened;";
            Assert.True(connection.IsOutbound);
            connection.Write("ping"u8);
        }

        public override void OnData(Connection connection, ReceivedData data)
        {
            _log += "echo:" + System.Text.Encoding.ASCII.GetString(data.Span) + ";";
            connection.Close();
        }

        public override void OnClosed(Connection connection, CloseReason reason) => _result.TrySetResult(_log + "closed:" + reason);
    }

    [Fact]
    public async Task A_refused_outbound_connect_reports_ConnectFailed_with_ECONNREFUSED()
    {
        int freePort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            freePort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var result = new TaskCompletionSource<(CloseReason, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(new EchoModule());
        Reactor r = server.Server.Reactors[0];
        r.Post(static s =>
        {
            var (reactor, port, tcs) = ((Reactor, int, TaskCompletionSource<(CloseReason, int)>))s!;
            reactor.Connect(new IPEndPoint(IPAddress.Loopback, port), new FailProbe(tcs));
        }, (r, freePort, result));
        var (reason, errno) = await result.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CloseReason.ConnectFailed, reason);
        Assert.Equal(Errno.ECONNREFUSED, errno);
    }

    private sealed class FailProbe : ConnectionHandler
    {
        private readonly TaskCompletionSource<(CloseReason, int)> _tcs;
        public FailProbe(TaskCompletionSource<(CloseReason, int)> tcs) => _tcs = tcs;
        public override void OnOpened(Connection connection) => _tcs.TrySetException(new Exception("should not open"));
        public override void OnData(Connection connection, ReceivedData data) { }
        public override void OnClosed(Connection connection, CloseReason reason) => _tcs.TrySetResult((reason, connection.LastError));
    }

    [Fact]
    public async Task Work_posted_from_any_thread_runs_on_the_reactor_and_await_resumes_there()
    {
        await using var server = new TestServer(new EchoModule(), reactors: 2);
        Reactor a = server.Server.Reactors[0], b = server.Server.Reactors[1];
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // test thread → a; a → b (reactor to reactor); b awaits and must resume on b.
        a.Post(static s =>
        {
            var (ra, rb, tcs) = ((Reactor, Reactor, TaskCompletionSource<string>))s!;
            if (!ra.IsOnReactorThread) tcs.TrySetResult("not on a");
            rb.Post(static async s2 =>
            {
                var (rb2, tcs2) = ((Reactor, TaskCompletionSource<string>))s2!;
                if (!rb2.IsOnReactorThread) tcs2.TrySetResult("not on b");
                await Task.Delay(10);
                tcs2.TrySetResult(rb2.IsOnReactorThread ? "ok" : "resumed elsewhere");
            }, (rb, tcs));
        }, (a, b, done));
        Assert.Equal("ok", await done.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_reactor_timer_fires_on_the_reactor()
    {
        await using var server = new TestServer(new EchoModule());
        Reactor r = server.Server.Reactors[0];
        var fired = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        r.Post(static s =>
        {
            var (reactor, tcs) = ((Reactor, TaskCompletionSource<bool>))s!;
            ReactorTimer cancelled = reactor.CreateTimer(_ => tcs.TrySetResult(false), null);
            cancelled.Arm(20);
            cancelled.Cancel();
            reactor.CreateTimer(_ => tcs.TrySetResult(reactor.IsOnReactorThread), null).Arm(50);
        }, (r, fired));
        Assert.True(await fired.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Accepted_connections_have_TCP_NODELAY_inherited_from_the_listener()
    {
        var nodelay = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(new LambdaModule(_ => new NoDelayProbe(nodelay)));
        using TcpClient client = await server.ConnectAsync();
        Assert.Equal(1, await nodelay.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private sealed class NoDelayProbe : ConnectionHandler
    {
        private readonly TaskCompletionSource<int> _result;
        public NoDelayProbe(TaskCompletionSource<int> result) => _result = result;
        public override void OnOpened(Connection connection)
            => _result.TrySetResult(Sockets.Socket.GetInt(connection.Fd, Sockets.Socket.IPPROTO_TCP, Sockets.Socket.TCP_NODELAY) != 0 ? 1 : 0);
        public override void OnData(Connection connection, ReceivedData data) { }
    }

    [Fact]
    public async Task Input_arriving_after_Close_is_dropped_and_its_buffers_return_to_the_kernel()
    {
        // Few buffers, so a buffer wrongly left "lent" would be handed out again within the test
        // and trip the reactor's ownership check.
        await using var server = new TestServer(new LambdaModule(_ => new CloseOnFirstByte()), o =>
        {
            o.ReceiveBufferCount = 4;
            o.ReceiveBufferSize = 512;
            o.LingerTimeoutMs = 500;
        });
        for (int round = 0; round < 5; round++)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(server.EndPoint);
            byte[] data = new byte[64 * 1024];
            try
            {
                await client.SendAsync(data, SocketFlags.None); // keeps arriving while the server lingers
            }
            catch (SocketException) { }
            Assert.True(await Payload.ClosedByPeerAsync(client, TimeSpan.FromSeconds(5)));
        }
        // The reactor is alive and its buffers are all usable.
        using TcpClient probe = await server.ConnectAsync();
        await probe.GetStream().WriteAsync("x"u8.ToArray());
        Assert.True(await Payload.ClosedByPeerAsync(probe.Client, TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain(server.Log, l => l.Contains("fatal"));
    }

    private sealed class CloseOnFirstByte : ConnectionHandler
    {
        public override void OnData(Connection connection, ReceivedData data) => connection.Close();
    }
}
