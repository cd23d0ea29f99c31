using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>Request bodies: Content-Length and chunked, streamed to handlers, drained when unread, Expect: 100-continue.</summary>
public class RequestBodyTests : IClassFixture<ProtocolTests.Server>
{
    private readonly HttpTestServer _http;

    public RequestBodyTests(ProtocolTests.Server server) => _http = server.Http;

    [Fact]
    public async Task Echoes_content_length_and_chunked_bodies()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
        Assert.Equal("hello world", (await c.ReadResponseAsync()).BodyText);
        await c.SendAsync("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1;q=\"a b\"\r\nhello\r\n1\r\n \r\n05\r\nworld\r\n0;end\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal("hello world", r.BodyText);
        Assert.Equal("11", r.Header("Content-Length"));
    }

    [Fact]
    public async Task Bodies_split_at_every_byte_arrive_whole()
    {
        using RawConnection c = await _http.ConnectAsync();
        byte[] request = Encoding.ASCII.GetBytes("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\nT: v\r\n\r\n");
        foreach (byte b in request)
        {
            await c.SendAsync(new[] { b });
            await Task.Delay(1);
        }
        Assert.Equal("abcdefg", (await c.ReadResponseAsync()).BodyText);
    }

    [Fact]
    public async Task Streams_a_large_upload_in_small_reads()
    {
        using RawConnection c = await _http.ConnectAsync();
        byte[] body = new byte[700_000];
        new Random(5).NextBytes(body);
        await c.SendAsync(Encoding.ASCII.GetBytes($"POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\n\r\n"));
        for (int i = 0; i < body.Length; i += 65536) await c.SendAsync(body.AsSpan(i, Math.Min(65536, body.Length - i)).ToArray());
        Assert.Equal("700000", (await c.ReadResponseAsync()).BodyText);
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unread_body_is_drained_never_parsed_as_a_request(bool chunked)
    {
        const string smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        string framed = chunked
            ? "Transfer-Encoding: chunked\r\n\r\n" + smuggled.Length.ToString("x") + "\r\n" + smuggled + "\r\n0\r\n\r\n"
            : $"Content-Length: {smuggled.Length}\r\n\r\n" + smuggled;
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /ignore HTTP/1.1\r\nHost: x\r\n" + framed + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal("ignored", (await c.ReadResponseAsync()).BodyText);
        RawResponse next = await c.ReadResponseAsync();
        Assert.Equal("Hello, World!", next.BodyText);
    }

    [Fact]
    public async Task A_body_drained_in_pieces_is_still_framed()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 20000\r\n\r\n" + new string('G', 5000));
        Assert.Equal("ignored", (await c.ReadResponseAsync()).BodyText);
        await c.SendAsync(new string('E', 10000));
        await Task.Delay(20);
        await c.SendAsync(new string('T', 5000) + "GET /json HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
    }

    [Fact]
    public async Task Expect_100_continue_is_answered_when_the_handler_reads()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        RawResponse interim = await c.ReadResponseAsync();
        Assert.Equal(100, interim.Status);
        await c.SendAsync("data");
        RawResponse final = await c.ReadResponseAsync();
        Assert.Equal(200, final.Status);
        Assert.Equal("data", final.BodyText);
        Assert.Null(final.Header("Connection"));
    }

    [Fact]
    public async Task Expect_100_continue_unread_gets_the_final_status_and_a_close()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(200, r.Status);
        Assert.Equal("close", r.Header("Connection"));
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_announced_in_content_length_is_refused_before_reading()
    {
        using RawConnection c = await _http.ConnectAsync();
        await c.SendAsync("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(413, r.Status);
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task A_client_closing_mid_body_fails_the_read_and_frees_the_connection()
    {
        using (RawConnection c = await _http.ConnectAsync())
        {
            await c.SendAsync("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc");
            await Task.Delay(50);
            c.ShutdownSend();
            RawResponse r = await c.ReadResponseAsync();
            Assert.Equal(400, r.Status);
            Assert.True(await c.ClosesAsync());
        }
        int open = await _http.OnReactorAsync(() => _http.Reactor.ConnectionCount);
        Assert.True(open <= 2, $"{open} connections still open");
    }
}
