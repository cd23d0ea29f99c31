using System;
using System.Buffers.Text;
using Uring.Engine;
using Uring.Http;

namespace Uring.Http1;

/// <summary>How the response body is delimited on the wire (RFC 9112 §6.3).</summary>
internal enum ResponseFraming : byte
{
    /// <summary>No content (1xx, 204, 304, or the answer to HEAD with nothing to measure).</summary>
    None,
    ContentLength,
    Chunked,
    /// <summary>HTTP/1.0 client and unknown length: the body ends when the connection closes.</summary>
    CloseDelimited,
}

/// <summary>
/// Writes status lines, header sections and chunk framing straight into a connection's send
/// queue: sizes are computed first, then one span is filled and committed.
/// </summary>
internal static class Http1ResponseWriter
{
    private const int MaxHexDigits = 16;

    /// <summary>Writes the status line and header section.</summary>
    public static void WriteHead(Connection connection, int status, HttpResponseHeaders headers, ReadOnlySpan<byte> serverLine,
        ReadOnlySpan<byte> dateLine, ResponseFraming framing, long contentLength, bool close, bool keepAliveHttp10)
    {
        ReadOnlySpan<byte> reason = StatusCodes.ReasonPhrase(status);
        int size = StatusLineLength(reason) + 2;
        if (!headers.HasServer) size += serverLine.Length;
        if (!headers.HasDate) size += dateLine.Length;
        int count = headers.Count;
        for (int i = 0; i < count; i++)
        {
            HeaderField f = headers[i];
            if (f.Known != KnownHeader.Connection) size += f.Name.Length + f.Value.Length + 4;
        }
        if (framing == ResponseFraming.ContentLength) size += "Content-Length: \r\n"u8.Length + DigitCount(contentLength);
        else if (framing == ResponseFraming.Chunked) size += "Transfer-Encoding: chunked\r\n"u8.Length;
        if (close) size += "Connection: close\r\n"u8.Length;
        else if (keepAliveHttp10) size += "Connection: keep-alive\r\n"u8.Length;

        Span<byte> s = connection.GetSpan(size);
        int n = WriteStatusLine(s, status, reason);
        if (!headers.HasServer) n += Put(s, n, serverLine);
        if (!headers.HasDate) n += Put(s, n, dateLine);
        for (int i = 0; i < count; i++)
        {
            HeaderField f = headers[i];
            if (f.Known == KnownHeader.Connection) continue; // persistence is decided here, from its "close" option
            n += Put(s, n, f.Name);
            n += Put(s, n, ": "u8);
            n += Put(s, n, f.Value);
            n += Put(s, n, "\r\n"u8);
        }
        if (framing == ResponseFraming.ContentLength)
        {
            n += Put(s, n, "Content-Length: "u8);
            Utf8Formatter.TryFormat(contentLength, s.Slice(n), out int digits);
            n += digits;
            n += Put(s, n, "\r\n"u8);
        }
        else if (framing == ResponseFraming.Chunked)
        {
            n += Put(s, n, "Transfer-Encoding: chunked\r\n"u8);
        }
        if (close) n += Put(s, n, "Connection: close\r\n"u8);
        else if (keepAliveHttp10) n += Put(s, n, "Connection: keep-alive\r\n"u8);
        n += Put(s, n, "\r\n"u8);
        connection.Advance(n);
    }

    /// <summary>A complete error response: no content, and the connection closes after it.</summary>
    public static void WriteError(Connection connection, int status, ReadOnlySpan<byte> serverLine, ReadOnlySpan<byte> dateLine)
    {
        ReadOnlySpan<byte> reason = StatusCodes.ReasonPhrase(status);
        ReadOnlySpan<byte> tail = "Content-Length: 0\r\nConnection: close\r\n\r\n"u8;
        Span<byte> s = connection.GetSpan(StatusLineLength(reason) + serverLine.Length + dateLine.Length + tail.Length);
        int n = WriteStatusLine(s, status, reason);
        n += Put(s, n, serverLine);
        n += Put(s, n, dateLine);
        n += Put(s, n, tail);
        connection.Advance(n);
    }

    /// <summary>The interim response that lets a client waiting on Expect: 100-continue send the body (RFC 9110 §10.1.1).</summary>
    public static void WriteContinue(Connection connection) => connection.Write("HTTP/1.1 100 Continue\r\n\r\n"u8);

    /// <summary>One chunk: size in hex, CRLF, data, CRLF (RFC 9112 §7.1).</summary>
    /// <summary>The "size CRLF" line opening a chunk of <paramref name="length"/> bytes (the caller writes the data and its CRLF).</summary>
    public static void WriteChunkHeader(Connection connection, int length)
    {
        Span<byte> head = stackalloc byte[MaxHexDigits + 2];
        int h = WriteHex(head, length, HexDigitCount(length));
        h += Put(head, h, "\r\n"u8);
        connection.Write(head.Slice(0, h));
    }

    public static void WriteChunk(Connection connection, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return; // an empty chunk would end the body
        int digits = HexDigitCount(data.Length);
        int framed = digits + 2 + data.Length + 2;
        if (framed <= 16 * 1024)
        {
            Span<byte> s = connection.GetSpan(framed);
            int n = WriteHex(s, data.Length, digits);
            n += Put(s, n, "\r\n"u8);
            n += Put(s, n, data);
            n += Put(s, n, "\r\n"u8);
            connection.Advance(n);
            return;
        }
        Span<byte> head = stackalloc byte[MaxHexDigits + 2];
        int h = WriteHex(head, data.Length, digits);
        h += Put(head, h, "\r\n"u8);
        connection.Write(head.Slice(0, h));
        connection.Write(data);
        connection.Write("\r\n"u8);
    }

    /// <summary>The last chunk and an empty trailer section.</summary>
    public static void WriteLastChunk(Connection connection) => connection.Write("0\r\n\r\n"u8);

    private static int StatusLineLength(ReadOnlySpan<byte> reason) => "HTTP/1.1 000 \r\n"u8.Length + reason.Length;

    // status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF (RFC 9112 §4)
    private static int WriteStatusLine(Span<byte> s, int status, ReadOnlySpan<byte> reason)
    {
        int n = Put(s, 0, "HTTP/1.1 "u8);
        s[n++] = (byte)('0' + status / 100);
        s[n++] = (byte)('0' + status / 10 % 10);
        s[n++] = (byte)('0' + status % 10);
        s[n++] = (byte)' ';
        n += Put(s, n, reason);
        n += Put(s, n, "\r\n"u8);
        return n;
    }

    private static int Put(Span<byte> s, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(s.Slice(at));
        return bytes.Length;
    }

    private static int DigitCount(long value)
    {
        int n = 1;
        while (value >= 10)
        {
            value /= 10;
            n++;
        }
        return n;
    }

    private static int HexDigitCount(int value) => Math.Max(1, (35 - System.Numerics.BitOperations.LeadingZeroCount((uint)value)) / 4);

    private static int WriteHex(Span<byte> s, int value, int digits)
    {
        for (int i = digits - 1; i >= 0; i--)
        {
            int d = value & 0xF;
            s[i] = (byte)(d < 10 ? '0' + d : 'a' + d - 10);
            value >>= 4;
        }
        return digits;
    }
}
