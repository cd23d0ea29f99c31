using System;
using System.IO;
using System.Text.Json;

namespace Uring.Http;

/// <summary>
/// What uringd serves with no other configuration: a small embedded page at <c>/</c>, and the
/// TechEmpower benchmark endpoints <c>/plaintext</c> and <c>/json</c> as their rules define them
/// (a fresh message object serialised per request; Server and Date come from the protocol), and
/// <c>/100k</c>, a 102,400-byte body for the large-response workload of scripts/bench.sh (the same
/// bytes as the peers serve).
/// </summary>
public static class DefaultSite
{
    private static readonly StaticContent s_index = StaticContent.Create(LoadIndex());
    private static readonly StaticContent s_100k = StaticContent.Create(Build100k());

    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Adds the default routes to <paramref name="builder"/>.</summary>
    public static HttpApplicationBuilder Map(HttpApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.MapGet("/", Index);
        builder.MapGet("/plaintext", Plaintext);
        builder.MapGet("/json", Json);
        builder.MapGet("/100k", Large);
        return builder;
    }

    public static HttpApplication Build() => Map(new HttpApplicationBuilder()).Build();

    private static void Index(HttpContext context)
    {
        context.Response.Headers.Add(KnownHeader.ContentType, "text/html; charset=utf-8"u8);
        context.Response.ContentLength = s_index.Length;
        context.Response.Write(s_index);
    }

    private static void Plaintext(HttpContext context)
    {
        context.Response.Headers.Add(KnownHeader.ContentType, "text/plain"u8);
        context.Response.Write("Hello, World!"u8);
    }

    private static void Json(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers.Add(KnownHeader.ContentType, "application/json"u8);
        // One writer per reactor thread, pointed at this response: the serialiser writes straight
        // into the response buffer through IBufferWriter.
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(response, new JsonWriterOptions { SkipValidation = true });
        writer.Reset(response);
        JsonSerializer.Serialize(writer, new JsonMessage("Hello, World!"), DefaultSiteJsonContext.Default.JsonMessage);
    }

    private static void Large(HttpContext context)
    {
        context.Response.Headers.Add(KnownHeader.ContentType, "application/octet-stream"u8);
        // Known length, so no chunked framing; the bytes go out from where they are, without a copy.
        context.Response.ContentLength = s_100k.Length;
        context.Response.Write(s_100k);
    }

    /// <summary>102,400 bytes of a printable 100-byte line, as perf/KestrelPeer and the nginx/h2o files have.</summary>
    private static byte[] Build100k()
    {
        ReadOnlySpan<byte> line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\n"u8;
        var body = new byte[102_400];
        for (int i = 0; i < body.Length; i++) body[i] = line[i % line.Length];
        return body;
    }

    private static byte[] LoadIndex()
    {
        using Stream? s = typeof(DefaultSite).Assembly.GetManifestResourceStream("Uring.Http.DefaultSite.index.html");
        if (s is null) throw new InvalidOperationException("The embedded default page is missing.");
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }
}
