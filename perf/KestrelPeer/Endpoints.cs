using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Uring.Perf.KestrelPeer;

/// <summary>
/// The benchmark bodies, served from one request delegate: no routing or MVC, so the figures are
/// Kestrel's own cost, the counterpart of nginx's `return 200` and h2o's file handler.
/// </summary>
internal static class Endpoints
{
    private static readonly byte[] s_plaintext = "Hello, World!"u8.ToArray();
    private static readonly JsonMessage s_message = new("Hello, World!");

    /// <summary>100 KB (102,400 bytes), the same size nginx and h2o serve from a file.</summary>
    private static readonly byte[] s_large = MakeLarge();

    public static Task Handle(HttpContext context)
    {
        HttpResponse response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/plaintext":
                return Write(response, "text/plain", s_plaintext);
            case "/json":
                response.ContentType = "application/json";
                // Serialized per request, as TechEmpower's json test requires (no cached bytes).
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(s_message, PeerJsonContext.Default.JsonMessage);
                response.ContentLength = json.Length;
                return response.Body.WriteAsync(json, 0, json.Length);
            case "/100k":
                return Write(response, "application/octet-stream", s_large);
            case "/":
                return Write(response, "text/plain", s_plaintext);
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }

    private static Task Write(HttpResponse response, string contentType, byte[] body)
    {
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length);
    }

    private static byte[] MakeLarge()
    {
        // Printable, repeating text: compressible content does not matter (no server compresses
        // here), but it keeps a curl of the endpoint readable.
        byte[] line = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\n");
        byte[] body = new byte[100 * 1024];
        for (int i = 0; i < body.Length; i++) body[i] = line[i % line.Length];
        return body;
    }
}
