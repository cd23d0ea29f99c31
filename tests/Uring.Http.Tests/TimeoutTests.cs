using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>Deadlines: header section (slowloris), keep-alive idle, request body, and the per-connection request cap.</summary>
public class TimeoutTests
{
    private static HttpTestServer Start(int maxRequests = 1000) => TestApps.Start(o =>
    {
        o.RequestHeadersTimeout = TimeSpan.FromMilliseconds(400);
        o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300);
        o.RequestBodyTimeout = TimeSpan.FromMilliseconds(300);
        o.MaxRequestsPerConnection = maxRequests;
    });

    [Fact]
    public async Task Slowloris_gets_408_when_the_header_deadline_passes()
    {
        await using HttpTestServer server = Start();
        using RawConnection c = await server.ConnectAsync();
        var clock = Stopwatch.StartNew();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\n");
        // Trickle a field byte by byte: each byte arrives well within any per-read timeout.
        Task<RawResponse> response = c.ReadResponseAsync(timeoutMs: 5000);
        byte[] trickle = Encoding.ASCII.GetBytes("X-Slow: " + new string('a', 200));
        for (int i = 0; i < trickle.Length && !response.IsCompleted; i++)
        {
            try
            {
                await c.SendAsync(new[] { trickle[i] });
            }
            catch (System.IO.IOException)
            {
                break; // the server closed its side
            }
            await Task.Delay(25);
        }
        RawResponse r = await response;
        Assert.Equal(408, r.Status);
        Assert.Equal("close", r.Header("Connection"));
        Assert.InRange(clock.ElapsedMilliseconds, 350, 3000);
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task Idle_keep_alive_connections_are_closed_silently()
    {
        await using HttpTestServer server = Start();
        using RawConnection c = await server.ConnectAsync();
        // Timed from before the request: the server's idle deadline starts after its response, so
        // the close cannot come sooner however late this test's continuations run.
        var clock = Stopwatch.StartNew();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
        Assert.True(await c.ClosesAsync(3000));
        Assert.InRange(clock.ElapsedMilliseconds, 200, 2500);
    }

    [Fact]
    public async Task A_silent_new_connection_is_closed_after_the_header_timeout()
    {
        await using HttpTestServer server = Start();
        var clock = Stopwatch.StartNew(); // before the connect: the deadline starts at accept
        using RawConnection c = await server.ConnectAsync();
        Assert.True(await c.ClosesAsync(3000));
        Assert.InRange(clock.ElapsedMilliseconds, 300, 2500);
    }

    [Fact]
    public async Task A_stalled_body_gets_408()
    {
        await using HttpTestServer server = Start();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
        RawResponse r = await c.ReadResponseAsync(timeoutMs: 5000);
        Assert.Equal(408, r.Status);
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task Max_requests_per_connection_closes_after_the_last()
    {
        await using HttpTestServer server = Start(maxRequests: 3);
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Null((await c.ReadResponseAsync()).Header("Connection"));
        Assert.Null((await c.ReadResponseAsync()).Header("Connection"));
        RawResponse third = await c.ReadResponseAsync();
        Assert.Equal("close", third.Header("Connection"));
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task Shutdown_closes_idle_connections_and_finishes_in_flight_ones()
    {
        HttpTestServer server = Start();
        using RawConnection idle = await server.ConnectAsync();
        using RawConnection busy = await server.ConnectAsync();
        await busy.SendAsync("GET /delay/200 HTTP/1.1\r\nHost: x\r\n\r\n");
        await Task.Delay(50);
        Task stopping = server.DisposeAsync().AsTask();
        RawResponse r = await busy.ReadResponseAsync();
        Assert.Equal("same reactor", r.BodyText);
        Assert.Equal("close", r.Header("Connection"));
        Assert.True(await idle.ClosesAsync());
        await stopping;
    }
}
