using System;
using System.Text;
using System.Threading.Tasks;

namespace Uring.Http.Tests;

/// <summary>Routes the integration tests share, on top of the default site.</summary>
internal static class TestApps
{
    public static void Map(HttpApplicationBuilder b)
    {
        DefaultSite.Map(b);
        // Reads the whole body and sends it back, with its length.
        b.MapPost("/echo", async ctx =>
        {
            ReadOnlyMemory<byte> body = await ctx.Request.ReadBodyToEndAsync(16 * 1024 * 1024);
            ctx.Response.SetContentType("application/octet-stream");
            ctx.Response.Write(body.Span);
        });
        b.MapPut("/echo", async ctx =>
        {
            ReadOnlyMemory<byte> body = await ctx.Request.ReadBodyToEndAsync(16 * 1024 * 1024);
            ctx.Response.Write(body.Span);
        });
        // Counts body bytes as they stream in, in small reads.
        b.MapPost("/count", async ctx =>
        {
            byte[] buffer = new byte[1000];
            long total = 0;
            int n;
            while ((n = await ctx.Request.ReadBodyAsync(buffer)) > 0) total += n;
            ctx.Response.Write(total.ToString());
        });
        // Ignores the body.
        b.MapPost("/ignore", ctx => ctx.Response.Write("ignored"u8));
        // Streams a response of unknown length in several flushed pieces.
        b.MapGet("/stream/{count}", async ctx =>
        {
            int count = int.Parse(ctx.Request.RouteValues.GetString("count")!);
            for (int i = 0; i < count; i++)
            {
                ctx.Response.Write($"piece {i}\n");
                await ctx.Response.FlushAsync();
            }
        });
        // A large response, written at once (beyond the response buffer: streamed).
        b.MapGet("/big/{size}", ctx =>
        {
            int size = int.Parse(ctx.Request.RouteValues.GetString("size")!);
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) data[i] = (byte)('a' + i % 26);
            ctx.Response.Write(data);
        });
        // Awaits a timer: the continuation must come back to the reactor.
        b.MapGet("/delay/{ms}", async ctx =>
        {
            int ms = int.Parse(ctx.Request.RouteValues.GetString("ms")!);
            Engine.Reactor? before = Engine.Reactor.Current;
            await Task.Delay(ms);
            bool same = Engine.Reactor.Current is not null && Engine.Reactor.Current == before;
            ctx.Response.Write(same ? "same reactor" : "WRONG THREAD");
        });
        b.MapGet("/echo-path/{*rest}", ctx =>
        {
            var sb = new StringBuilder();
            sb.Append(Encoding.ASCII.GetString(ctx.Request.Path)).Append('|').Append(Encoding.ASCII.GetString(ctx.Request.Query))
                .Append('|').Append(Encoding.ASCII.GetString(ctx.Request.Authority)).Append('|').Append(ctx.Request.RouteValues.GetString("rest"));
            ctx.Response.Write(sb.ToString());
        });
        b.MapGet("/throw", _ => throw new InvalidOperationException("boom"));
        b.MapGet("/throw-async", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        });
        b.MapGet("/short", ctx =>
        {
            ctx.Response.ContentLength = 10;
            ctx.Response.Write("12345"u8);
        });
        b.MapGet("/no-content", ctx => ctx.Response.StatusCode = 204);
        b.MapGet("/close", ctx =>
        {
            ctx.Response.Headers.Add(KnownHeader.Connection, "close"u8);
            ctx.Response.Write("bye"u8);
        });
        b.MapGet("/headers", ctx =>
        {
            ctx.Response.Headers.Add("X-One", "1");
            ctx.Response.Headers.Add(KnownHeader.CacheControl, "no-store"u8);
            ctx.Response.Headers.Add("X-Utf8", "caf\u00e9");
            ctx.Response.Write("h"u8);
        });
    }

    public static HttpTestServer Start(Action<HttpServerOptions>? http = null, Action<Engine.ServerOptions>? engine = null) =>
        HttpTestServer.With(Map, http, engine);
}
