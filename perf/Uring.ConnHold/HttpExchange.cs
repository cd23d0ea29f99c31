using System;
using System.Text;

namespace Uring.ConnHold;

/// <summary>
/// HTTP/1.1: <c>GET PATH</c> with keep-alive (the HTTP/1.1 default), and a response that must be
/// <c>HTTP/1.1 200</c>, framed by Content-Length, and not announce <c>Connection: close</c>
/// (the connection is to stay open and idle). Nothing may follow the body.
/// </summary>
public sealed class HttpExchange : IExchange
{
    private const int MaxHeaderBytes = 8192;
    private static readonly byte[] s_headerEnd = "\r\n\r\n"u8.ToArray();
    private readonly byte[] _request;

    public HttpExchange(string path)
    {
        _request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    public int MaxResponseBytes => 64 * 1024;

    public int WriteRequest(int id, Span<byte> dest)
    {
        _request.CopyTo(dest);
        return _request.Length;
    }

    public ResponseCheck Check(int id, ReadOnlySpan<byte> received, out string? problem)
    {
        problem = null;
        int headerEnd = received.IndexOf(s_headerEnd);
        if (headerEnd < 0)
        {
            if (received.Length < MaxHeaderBytes) return ResponseCheck.Incomplete;
            problem = $"no end of headers within {MaxHeaderBytes} bytes";
            return ResponseCheck.Invalid;
        }
        string head = Encoding.Latin1.GetString(received[..headerEnd]);
        string[] lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) && lines[0] != "HTTP/1.1 200")
        {
            problem = $"status line '{lines[0]}', want HTTP/1.1 200";
            return ResponseCheck.Invalid;
        }
        long length = -1;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon <= 0) continue;
            string name = lines[i][..colon].Trim();
            string value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, out length) || length < 0)
                {
                    problem = $"bad Content-Length '{value}'";
                    return ResponseCheck.Invalid;
                }
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"Transfer-Encoding: {value}; this tool reads responses framed by Content-Length";
                return ResponseCheck.Invalid;
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Contains("close", StringComparison.OrdinalIgnoreCase))
            {
                problem = "the server answered Connection: close (no keep-alive)";
                return ResponseCheck.Invalid;
            }
        }
        if (length < 0)
        {
            problem = "no Content-Length";
            return ResponseCheck.Invalid;
        }
        long total = headerEnd + s_headerEnd.Length + length;
        if (total > MaxResponseBytes)
        {
            problem = $"response of {total} bytes, more than the {MaxResponseBytes} this tool reads";
            return ResponseCheck.Invalid;
        }
        if (received.Length < total) return ResponseCheck.Incomplete;
        if (received.Length > total)
        {
            problem = $"{received.Length - total} bytes beyond the response";
            return ResponseCheck.Invalid;
        }
        return ResponseCheck.Complete;
    }

    public byte[] SampleResponse(ReadOnlySpan<byte> request) =>
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!"u8.ToArray();
}
