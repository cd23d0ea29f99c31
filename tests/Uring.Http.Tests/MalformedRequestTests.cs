using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>
/// Hostile and malformed requests (RFC 9112 strictness, request smuggling vectors, limits): each
/// must get its status, and then the connection must close, so nothing after it is ever parsed.
/// </summary>
public class MalformedRequestTests : IClassFixture<MalformedRequestTests.Server>
{
    private readonly Server _server;

    public MalformedRequestTests(Server server) => _server = server;

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

    private const string H = "Host: x\r\n";

    private static string Post(string fields, string body = "") => "POST /echo HTTP/1.1\r\n" + H + fields + "\r\n" + body;

    public static IEnumerable<object[]> Cases() => new (string Name, string Raw, int Status)[]
    {
        // Request line (RFC 9112 §3)
        ("no target", "GET\r\n" + H + "\r\n", 400),
        ("HTTP/0.9 line", "GET /\r\n\r\n", 400),
        ("trailing space", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400),
        ("double space", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400),
        ("tab separator", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400),
        ("leading space", " GET / HTTP/1.1\r\n" + H + "\r\n", 400),
        ("lower-case version", "GET / http/1.1\r\n" + H + "\r\n", 400),
        ("bad minor", "GET / HTTP/1.x\r\n" + H + "\r\n", 400),
        ("no dot", "GET / HTTP/11\r\n" + H + "\r\n", 400),
        ("version suffix", "GET / HTTP/1.1x\r\n" + H + "\r\n", 400),
        ("HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505),
        ("HTTP/3.0", "GET / HTTP/3.0\r\n" + H + "\r\n", 505),
        ("HTTP/0.9 version", "GET / HTTP/0.9\r\n" + H + "\r\n", 505),
        ("invalid method char", "G@T / HTTP/1.1\r\n" + H + "\r\n", 400),
        ("NUL in method", "G\0T / HTTP/1.1\r\n" + H + "\r\n", 400),
        ("space in target", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400),
        ("NUL in target", "GET /\0 HTTP/1.1\r\n" + H + "\r\n", 400),
        ("DEL in target", "GET /\x7f HTTP/1.1\r\n" + H + "\r\n", 400),
        ("non-ASCII target", "GET /caf\xe9 HTTP/1.1\r\n" + H + "\r\n", 400),
        ("fragment", "GET /a#frag HTTP/1.1\r\n" + H + "\r\n", 400),
        ("bad percent escape", "GET /%zz HTTP/1.1\r\n" + H + "\r\n", 400),
        ("truncated percent escape", "GET /a% HTTP/1.1\r\n" + H + "\r\n", 400),
        ("asterisk without OPTIONS", "GET * HTTP/1.1\r\n" + H + "\r\n", 400),
        ("authority-form without CONNECT", "GET example.com:80 HTTP/1.1\r\n" + H + "\r\n", 400),
        ("CONNECT without port", "CONNECT example.com HTTP/1.1\r\n" + H + "\r\n", 400),
        ("unknown scheme", "GET ftp://x/ HTTP/1.1\r\n" + H + "\r\n", 400),
        ("userinfo", "GET http://user@host/ HTTP/1.1\r\n" + H + "\r\n", 400),
        ("empty authority", "GET http:///path HTTP/1.1\r\n" + H + "\r\n", 400),
        ("bare LF after request line", "GET / HTTP/1.1\n" + H + "\r\n", 400),
        ("LF-only message", "GET / HTTP/1.1\nHost: x\n\n", 400),
        ("bare CR in request line", "GET / HTTP/1.1\rHost: x\r\n\r\n", 400),
        ("request line too long", "GET /" + new string('a', 9000) + " HTTP/1.1\r\n" + H + "\r\n", 414),
        ("endless request line", "GET /" + new string('a', 20000), 414),
        ("too many empty lines", string.Concat(Enumerable.Repeat("\r\n", 5000)) + "GET / HTTP/1.1\r\n" + H + "\r\n", 400),
        // Host (RFC 9112 §3.2)
        ("missing Host", "GET / HTTP/1.1\r\n\r\n", 400),
        ("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("Host with space", "GET / HTTP/1.1\r\nHost: exa mple\r\n\r\n", 400),
        ("Host with slash", "GET / HTTP/1.1\r\nHost: x/y\r\n\r\n", 400),
        ("Host with bad port", "GET / HTTP/1.1\r\nHost: x:8a\r\n\r\n", 400),
        ("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@x\r\n\r\n", 400),
        // Field lines (RFC 9112 §5, RFC 9110 §5.5)
        ("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ("tab before colon", "GET / HTTP/1.1\r\n" + H + "X-A\t: 1\r\n\r\n", 400),
        ("obs-fold", "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n  continued\r\n\r\n", 400),
        ("whitespace before first field", "GET / HTTP/1.1\r\n Host: x\r\n\r\n", 400),
        ("no colon", "GET / HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", 400),
        ("empty name", "GET / HTTP/1.1\r\n" + H + ": value\r\n\r\n", 400),
        ("bad name char", "GET / HTTP/1.1\r\n" + H + "X(A): 1\r\n\r\n", 400),
        ("non-ASCII name", "GET / HTTP/1.1\r\n" + H + "X-\u00ffA: 1\r\n\r\n", 400),
        ("NUL in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\0b\r\n\r\n", 400),
        ("CTL in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u0001b\r\n\r\n", 400),
        ("ESC in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\u001bb\r\n\r\n", 400),
        ("DEL in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\x7f\r\n\r\n", 400),
        ("bare CR in value", "GET / HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n", 400),
        ("bare LF ending a field", "GET / HTTP/1.1\r\n" + H + "X-A: a\n\r\n", 400),
        ("header section too large", "GET / HTTP/1.1\r\n" + H + "X-Big: " + new string('b', 40000) + "\r\n\r\n", 431),
        ("endless field", "GET / HTTP/1.1\r\n" + H + "X-Big: " + new string('b', 40000), 431),
        ("too many fields", "GET / HTTP/1.1\r\n" + H + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-{i}: v\r\n")) + "\r\n", 431),
        // Framing and smuggling (RFC 9112 §6, RFC 9110 §8.6)
        ("CL and TE", Post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400),
        ("TE and CL", Post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n"), 400),
        ("conflicting CL fields", Post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"), 400),
        ("conflicting CL list", Post("Content-Length: 5, 6\r\n", "hello!"), 400),
        ("CL with plus", Post("Content-Length: +5\r\n", "hello"), 400),
        ("CL negative", Post("Content-Length: -1\r\n"), 400),
        ("CL hex", Post("Content-Length: 0x10\r\n"), 400),
        ("CL inner space", Post("Content-Length: 5 5\r\n"), 400),
        ("CL empty", Post("Content-Length: \r\n"), 400),
        ("CL overflow", Post("Content-Length: 99999999999999999999\r\n"), 400),
        ("CL letters", Post("Content-Length: abc\r\n"), 400),
        ("CL decimal point", Post("Content-Length: 5.0\r\n"), 400),
        ("TE gzip only", Post("Transfer-Encoding: gzip\r\n"), 400),
        ("TE chunked then gzip", Post("Transfer-Encoding: chunked, gzip\r\n"), 400),
        ("TE gzip then chunked", Post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 501),
        ("TE chunked twice", Post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400),
        ("TE identity", Post("Transfer-Encoding: identity\r\n"), 400),
        ("TE with parameter", Post("Transfer-Encoding: chunked;q=1\r\n"), 400),
        ("TE in HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("CL over the body limit", Post("Content-Length: 2000000\r\n"), 413),
        ("unknown expectation", Post("Expect: 200-ok\r\nContent-Length: 1\r\n", "a"), 417),
        // Chunked bodies read by the handler (RFC 9112 §7.1)
        ("chunk size not hex", Post("Transfer-Encoding: chunked\r\n", "zz\r\nhello\r\n0\r\n\r\n"), 400),
        ("chunk size overflow", Post("Transfer-Encoding: chunked\r\n", "10000000000000000\r\n"), 400),
        ("chunk size negative", Post("Transfer-Encoding: chunked\r\n", "-5\r\nhello\r\n0\r\n\r\n"), 400),
        ("chunk data without CRLF", Post("Transfer-Encoding: chunked\r\n", "5\r\nhelloXX0\r\n\r\n"), 400),
        ("bare LF after chunk size", Post("Transfer-Encoding: chunked\r\n", "5\nhello\r\n0\r\n\r\n"), 400),
        ("bad chunk extension", Post("Transfer-Encoding: chunked\r\n", "5;=x\r\nhello\r\n0\r\n\r\n"), 400),
        ("chunked over the body limit", Post("Transfer-Encoding: chunked\r\n", "200000\r\n"), 413),
        ("bad trailer", Post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nBad Trailer: x\r\n\r\n"), 400),
        ("folded trailer", Post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nA: b\r\n c\r\n\r\n"), 400),
    }.Select(c => new object[] { c.Name, c.Raw, c.Status });

    [Fact]
    public void The_table_has_at_least_sixty_cases() => Assert.True(Cases().Count() >= 60);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_with_its_status_then_closed(string name, string raw, int status)
    {
        using RawConnection c = await _server.Http.ConnectAsync();
        // A valid request follows in the same write: it must never be answered.
        await c.SendAsync(Encoding.Latin1.GetBytes(raw + "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n"));
        RawResponse r = await c.ReadResponseAsync();
        Assert.True(status == r.Status, $"{name}: expected {status}, got {r}");
        Assert.Equal("close", r.Header("Connection"));
        Assert.True(await c.ClosesAsync(), $"{name}: the connection stayed open or sent more after the error");
    }

    [Fact]
    public async Task A_bad_request_after_good_ones_is_answered_in_order_then_closed()
    {
        using RawConnection c = await _server.Http.ConnectAsync();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost : x\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.Equal("Hello, World!", (await c.ReadResponseAsync()).BodyText);
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
        Assert.Equal(400, (await c.ReadResponseAsync()).Status);
        Assert.True(await c.ClosesAsync());
    }

    [Fact]
    public async Task Identical_duplicate_content_lengths_are_accepted()
    {
        using RawConnection c = await _server.Http.ConnectAsync();
        await c.SendAsync(Post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello") + Post("Content-Length: 2, 2\r\n", "ok"));
        Assert.Equal("hello", (await c.ReadResponseAsync()).BodyText);
        Assert.Equal("ok", (await c.ReadResponseAsync()).BodyText);
    }
}
