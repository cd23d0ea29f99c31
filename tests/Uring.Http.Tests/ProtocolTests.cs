using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>RFC 9112 connection behaviour over raw sockets: persistence, HTTP/1.0, HEAD, framing of responses.</summary>
public class ProtocolTests : IClassFixture<ProtocolTests.Server>
{
    private readonly HttpTestServer _http;

    public ProtocolTests(Server server) => _http = server.Http;

    public sealed class Server : IAsyncLifetime
    {
        internal HttpTestServer Http { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Http = TestApps.Start();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Http.DisposeAsync();
    }

    [Fact]
    public async Task Keeps_the_connection_alive_across_requests()
    {
        using RawConnection c = await _http.ConnectAsync();
        for (int i = 0; i < 5; i++)
        {
            await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal("Hello, World!", r.BodyText);
            Assert.Null(r.Header("Connection"));
        }
    }

    [Fact]
    public async Task Connection_close_from_the_client_closes_after_the_response()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal("close", r.Header("Connection"));
        Assert.Equal("Hello, World!", r.BodyText);
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task Http10_closes_unless_keep_alive_is_asked()
    {
        using (RawConnection c = await _http.ConnectAsync())
        {
            await c.SendAsync("GET /plaintext HTTP/1.0\r\n\r\n");
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal(200, r.Status);
            Assert.Equal("close", r.Header("Connection"));
            Assert.Equal("13", r.Header("Content-Length"));
            Assert.True(await c.ClosesAsync());
        }
        using (RawConnection c = await _http.ConnectAsync())
        {
            await c.SendAsync("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal("keep-alive", r.Header("Connection"));
            await c.SendAsync("GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Assert.Equal(200, (await c.ReadResponseAsync()).Status);
        }
    }

    [Fact]
    public async Task Http10_gets_a_close_delimited_body_when_the_length_is_unknown()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /stream/3 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.True(r.CloseDelimited);
        Assert.Null(r.Header("Transfer-Encoding"));
        Assert.Equal("piece 0\npiece 1\npiece 2\n", r.BodyText);
    }

    [Fact]
    public async Task Head_gets_the_headers_of_get_and_no_body()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("HEAD /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse head = await c.ReadResponseAsync(head: true);
        Assert.Equal(200, head.Status);
        Assert.Equal("13", head.Header("Content-Length"));
        Assert.Equal("text/plain", head.Header("Content-Type"));
        // The next bytes must be the GET's response, proving HEAD sent no body.
        RawResponse get = await c.ReadResponseAsync();
        Assert.Equal("Hello, World!", get.BodyText);
    }

    [Fact]
    public async Task Head_of_a_streamed_response_has_no_body_either()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("HEAD /big/100000 HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse head = await c.ReadResponseAsync(head: true);
        Assert.Equal(200, head.Status);
        Assert.Equal("chunked", head.Header("Transfer-Encoding"));
        Assert.Equal("Hello, World!", (await c.ReadResponseAsync()).BodyText);
    }

    [Fact]
    public async Task Streams_chunked_responses()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /stream/4 HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal("chunked", r.Header("Transfer-Encoding"));
        Assert.Null(r.Header("Content-Length"));
        Assert.Equal("piece 0\npiece 1\npiece 2\npiece 3\n", r.BodyText);
        Assert.Equal(5, r.Chunks); // four pieces and the last chunk
    }

    [Fact]
    public async Task Large_bodies_beyond_the_buffer_are_streamed_intact()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /big/300000 HTTP/1.1\r\nHost: x\r\n\r\nGET /big/100 HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse big = await c.ReadResponseAsync();
        Assert.Equal(300000, big.Body.Length);
        for (int i = 0; i < big.Body.Length; i++)
            if (big.Body[i] != (byte)('a' + i % 26)) Assert.Fail($"byte {i} corrupted");
        RawResponse small = await c.ReadResponseAsync();
        Assert.Equal("100", small.Header("Content-Length"));
    }

    [Fact]
    public async Task Async_handlers_resume_on_their_reactor()
    {
        using RawConnection c = await _http.ConnectAsync();
        // Pipelined behind an asynchronous handler, the second request waits its turn.
        await c.SendAsync("GET /delay/30 HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal("same reactor", (await c.ReadResponseAsync()).BodyText);
        Assert.Equal("Hello, World!", (await c.ReadResponseAsync()).BodyText);
    }

    [Fact]
    public async Task Handler_exceptions_become_500_and_the_connection_survives()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /throw HTTP/1.1\r\nHost: x\r\n\r\nGET /throw-async HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse a = await c.ReadResponseAsync();
        Assert.Equal(500, a.Status);
        Assert.Equal("0", a.Header("Content-Length"));
        Assert.Equal(500, (await c.ReadResponseAsync()).Status);
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
        Assert.Contains(_http.Log, l => l.Contains("boom"));
    }

    [Fact]
    public async Task A_short_body_against_its_content_length_becomes_500()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /short HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal(500, (await c.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task No_content_responses_carry_no_framing()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET /no-content HTTP/1.1\r\nHost: x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(204, r.Status);
        Assert.Null(r.Header("Content-Length"));
        Assert.Null(r.Header("Transfer-Encoding"));
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task The_application_can_close_the_connection_and_set_headers()
    {
        using (RawConnection c = await _http.ConnectAsync())
        {
            await c.SendAsync("GET /headers HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal("1", r.Header("X-One"));
            Assert.Equal("no-store", r.Header("Cache-Control"));
            Assert.Equal("caf\u00c3\u00a9", r.Header("X-Utf8")); // UTF-8 bytes, read back as Latin-1
        }
        using (RawConnection c = await _http.ConnectAsync())
        {
            await c.SendAsync("GET /close HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal("close", r.Header("Connection"));
            Assert.Equal(1, r.HeaderCount("Connection"));
            Assert.True(await c.ClosesAsync());
        }
    }

    [Fact]
    public async Task Target_forms_reach_the_handler()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("GET http://example.org:81/echo-path/a/b?q=1 HTTP/1.1\r\nHost: ignored\r\n\r\n");
        Assert.Equal("/echo-path/a/b|q=1|example.org:81|a/b", (await c.ReadResponseAsync()).BodyText);
        await c.SendAsync("GET /echo-path/x%2Fy HTTP/1.1\r\nHost: h:1\r\n\r\n");
        Assert.Equal("/echo-path/x%2Fy||h:1|x/y", (await c.ReadResponseAsync()).BodyText);
        await c.SendAsync("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse options = await c.ReadResponseAsync();
        Assert.Equal(200, options.Status);
        Assert.Contains("GET", options.Header("Allow"));
        Assert.Contains("POST", options.Header("Allow"));
    }
}
