using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>Bodies sent by reference (no copy into the send queue): framed and delivered like any other.</summary>
public class StaticContentTests
{
    private static readonly byte[] s_bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 + (i >> 11))).ToArray();
    private static readonly StaticContent s_big = StaticContent.Create(s_bytes);
    private static readonly StaticContent s_small = StaticContent.Create("tiny"u8);

    private static HttpTestServer Start() => HttpTestServer.With(app =>
    {
        app.MapGet("/sized", ctx =>
        {
            ctx.Response.ContentLength = s_big.Length;
            ctx.Response.Write(s_big);
        });
        app.MapGet("/chunked", ctx =>
        {
            ctx.Response.Write("head:"u8);   // buffered
            ctx.Response.Write(s_big);        // too big to buffer: streams, chunked
            ctx.Response.Write(":tail"u8);
        });
        app.MapGet("/small", ctx => ctx.Response.Write(s_small));
        app.MapGet("/twice", ctx =>
        {
            ctx.Response.ContentLength = 2L * s_big.Length;
            ctx.Response.Write(s_big);
            ctx.Response.Write(s_big);
        });
    });

    [Fact]
    public async Task Large_static_bodies_arrive_intact_with_either_framing()
    {
        await using HttpTestServer server = Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        for (int i = 0; i < 20; i++) // reused connections: external blocks recycled correctly
        {
            using HttpResponseMessage sized = await http.GetAsync("/sized");
            Assert.Equal(s_bytes.Length, sized.Content.Headers.ContentLength);
            Assert.Equal(s_bytes, await sized.Content.ReadAsByteArrayAsync());

            using HttpResponseMessage chunked = await http.GetAsync("/chunked");
            Assert.True(chunked.Headers.TransferEncodingChunked);
            byte[] body = await chunked.Content.ReadAsByteArrayAsync();
            Assert.Equal("head:"u8.ToArray().Concat(s_bytes).Concat(":tail"u8.ToArray()).ToArray(), body);

            Assert.Equal("tiny", await http.GetStringAsync("/small"));
            Assert.Equal(s_bytes.Concat(s_bytes).ToArray(), await http.GetByteArrayAsync("/twice"));
        }
    }

    [Fact]
    public async Task Many_clients_reading_slowly_get_every_byte()
    {
        await using HttpTestServer server = Start();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using RawConnection c = await server.ConnectAsync();
            await c.SendAsync("GET /sized HTTP/1.1\r\nHost: a\r\n\r\nGET /twice HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            await Task.Delay(50); // let the server's sends back up against a full socket buffer
            RawResponse first = await c.ReadResponseAsync();
            RawResponse second = await c.ReadResponseAsync();
            Assert.Equal(s_bytes, first.Body);
            Assert.Equal(s_bytes.Concat(s_bytes).ToArray(), second.Body);
        }));
    }

    [Fact]
    public async Task Head_sends_the_length_and_no_body()
    {
        await using HttpTestServer server = Start();
        using RawConnection c = await server.ConnectAsync();
        await c.SendAsync("HEAD /sized HTTP/1.1\r\nHost: a\r\n\r\nGET /small HTTP/1.1\r\nHost: a\r\n\r\n");
        RawResponse head = await c.ReadResponseAsync(head: true);
        Assert.Equal(s_bytes.Length.ToString(), head.Header("Content-Length"));
        RawResponse next = await c.ReadResponseAsync();
        Assert.Equal("tiny", next.BodyText);
    }
}
