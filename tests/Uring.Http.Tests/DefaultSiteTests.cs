using System;
using System.Globalization;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>The default site's TechEmpower endpoints, byte-exact, with Server and Date.</summary>
public class DefaultSiteTests
{
    [Fact]
    public async Task Plaintext_follows_the_TechEmpower_rules()
    {
        await using var server = HttpTestServer.Default();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(200, r.Status);
        Assert.Equal("OK", r.Reason);
        Assert.Equal("Hello, World!", r.BodyText);
        Assert.Equal("text/plain", r.Header("Content-Type"));
        Assert.Equal("13", r.Header("Content-Length"));
        Assert.Equal("uring", r.Header("Server"));
        AssertDate(r.Header("Date"));
        Assert.Null(r.Header("Transfer-Encoding"));
        Assert.Null(r.Header("Connection"));
    }

    [Fact]
    public async Task Json_follows_the_TechEmpower_rules()
    {
        await using var server = HttpTestServer.Default();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(200, r.Status);
        Assert.Equal("{\"message\":\"Hello, World!\"}", r.BodyText);
        Assert.Equal("application/json", r.Header("Content-Type"));
        Assert.Equal("27", r.Header("Content-Length"));
        Assert.Equal("uring", r.Header("Server"));
        AssertDate(r.Header("Date"));
    }

    [Fact]
    public async Task Serves_the_embedded_page_at_the_root()
    {
        await using var server = HttpTestServer.Default();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawResponse r = await c.ReadResponseAsync();
        Assert.Equal(200, r.Status);
        Assert.Equal("text/html; charset=utf-8", r.Header("Content-Type"));
        Assert.Contains("<title>uring</title>", r.BodyText);
        Assert.Equal(r.Body.Length.ToString(CultureInfo.InvariantCulture), r.Header("Content-Length"));
    }

    [Fact]
    public async Task Unknown_paths_get_404_other_methods_405_and_unknown_methods_501()
    {
        await using var server = HttpTestServer.Default();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("GET /missing HTTP/1.1\r\nHost: x\r\n\r\nPOST /plaintext HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcDELETE /json HTTP/1.1\r\nHost: x\r\n\r\n" +
            "BREW /json HTTP/1.1\r\nHost: x\r\n\r\nCONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        RawResponse a = await c.ReadResponseAsync();
        Assert.Equal(404, a.Status);
        Assert.Equal("0", a.Header("Content-Length"));
        RawResponse b = await c.ReadResponseAsync();
        Assert.Equal(405, b.Status);
        Assert.Equal("GET, HEAD", b.Header("Allow"));
        RawResponse d = await c.ReadResponseAsync();
        Assert.Equal(405, d.Status);
        // A method this server does not implement (RFC 9110 §15.6.2), and a tunnel it does not offer:
        // 501, and the connection stays usable.
        Assert.Equal(501, (await c.ReadResponseAsync()).Status);
        Assert.Equal(501, (await c.ReadResponseAsync()).Status);
        Assert.Equal(200, (await c.ReadResponseAsync()).Status);
    }

    private static void AssertDate(string? value)
    {
        Assert.NotNull(value);
        DateTime date = DateTime.ParseExact(value!, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange((DateTime.UtcNow - date).TotalSeconds, -2, 3);
    }
}
