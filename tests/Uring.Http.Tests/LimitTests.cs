using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>Each configured limit, just under (served) and just over (refused with its status, then closed).</summary>
public class LimitTests : IClassFixture<LimitTests.Server>
{
    private readonly HttpTestServer _http;

    public LimitTests(Server server) => _http = server.Http;

    public sealed class Server : IAsyncLifetime
    {
        internal HttpTestServer Http { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Http = TestApps.Start(o =>
            {
                o.MaxRequestLineBytes = 100;
                o.MaxRequestHeaderBytes = 300;
                o.MaxRequestHeaderCount = 5;
                o.MaxRequestBodyBytes = 1000;
            });
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Http.DisposeAsync();
    }

    private async Task<RawResponse> Send(string raw, bool expectClose)
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync(raw);
        RawResponse r = await c.ReadResponseAsync();
        if (expectClose) Assert.True(await c.ClosesAsync());
        return r;
    }

    private static string LineOf(int length) => "GET /echo-path/" + new string('a', length - 15 - 9) + " HTTP/1.1";

    [Fact]
    public async Task Request_line()
    {
        Assert.Equal(100, LineOf(100).Length);
        Assert.Equal(200, (await Send(LineOf(100) + "\r\nHost: x\r\n\r\n", false)).Status);
        Assert.Equal(414, (await Send(LineOf(101) + "\r\nHost: x\r\n\r\n", true)).Status);
    }

    [Fact]
    public async Task Header_section_size()
    {
        // "Host: x\r\n" (9) + "X: " + value + "\r\n" + final "\r\n" = 300 bytes exactly.
        string fields(int total) => "Host: x\r\nX: " + new string('v', total - 9 - 3 - 2 - 2) + "\r\n\r\n";
        Assert.Equal(300, fields(300).Length);
        Assert.Equal(200, (await Send("GET /plaintext HTTP/1.1\r\n" + fields(300), false)).Status);
        Assert.Equal(431, (await Send("GET /plaintext HTTP/1.1\r\n" + fields(301), true)).Status);
    }

    [Fact]
    public async Task Header_count()
    {
        string fields(int n) => "Host: x\r\n" + string.Concat(Enumerable.Range(1, n - 1).Select(i => $"X{i}: v\r\n")) + "\r\n";
        Assert.Equal(200, (await Send("GET /plaintext HTTP/1.1\r\n" + fields(5), false)).Status);
        Assert.Equal(431, (await Send("GET /plaintext HTTP/1.1\r\n" + fields(6), true)).Status);
    }

    [Fact]
    public async Task Body_size()
    {
        string body(int n) => new string('b', n);
        Assert.Equal(1000, (await Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + body(1000), false)).Body.Length);
        Assert.Equal(413, (await Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n" + body(1001), true)).Status);
        string chunked(int a, int b) => $"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{a:x}\r\n{body(a)}\r\n{b:x}\r\n{body(b)}\r\n0\r\n\r\n";
        Assert.Equal(1000, (await Send(chunked(600, 400), false)).Body.Length);
        Assert.Equal(413, (await Send(chunked(600, 401), true)).Status);
    }
}
