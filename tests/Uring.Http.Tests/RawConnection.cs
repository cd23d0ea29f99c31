using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http.Tests;

/// <summary>A raw TCP client speaking HTTP/1.1 by hand, with a small strict response reader.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    public RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public Socket Socket => _client.Client;

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response (an interim 1xx included). <paramref name="head"/>: the request was HEAD (no body follows).</summary>
    public async Task<RawResponse> ReadResponseAsync(bool head = false, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        string headText = await ReadHeadAsync(cts.Token);
        string[] lines = headText.Split("\r\n");
        string[] statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.")) throw new InvalidDataException($"bad status line: {lines[0]}");
        var response = new RawResponse { Version = statusParts[0], Status = int.Parse(statusParts[1]), Reason = statusParts.Length > 2 ? statusParts[2] : "" };
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"bad header line: {lines[i]}");
            response.Headers.Add((lines[i].Substring(0, colon), lines[i].Substring(colon + 1).Trim()));
        }
        if (head || response.Status < 200 || response.Status == 204 || response.Status == 304) return response;
        string? te = response.Header("Transfer-Encoding");
        string? cl = response.Header("Content-Length");
        if (te is not null)
        {
            if (!te.Equals("chunked", StringComparison.OrdinalIgnoreCase)) throw new InvalidDataException($"unexpected transfer-encoding {te}");
            if (cl is not null) throw new InvalidDataException("both Content-Length and Transfer-Encoding");
            response.Body = await ReadChunkedAsync(response, cts.Token);
        }
        else if (cl is not null)
        {
            response.Body = await ReadExactAsync(int.Parse(cl), cts.Token);
        }
        else
        {
            response.Body = await ReadToEndAsync(timeoutMs);
            response.CloseDelimited = true;
        }
        return response;
    }

    /// <summary>Reads until the server closes; throws if it does not within the timeout.</summary>
    public async Task<byte[]> ReadToEndAsync(int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var all = new MemoryStream();
        all.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        try
        {
            while (true)
            {
                int n = await _stream.ReadAsync(_buffer, cts.Token);
                if (n == 0) break;
                all.Write(_buffer, 0, n);
            }
        }
        catch (IOException)
        {
            // A reset also ends the stream.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the server did not close the connection within {timeoutMs} ms (read {all.Length} bytes)");
        }
        return all.ToArray();
    }

    /// <summary>True if the server closes (EOF or reset) within the timeout without sending anything more.</summary>
    public async Task<bool> ClosesAsync(int timeoutMs = 5_000)
    {
        try
        {
            byte[] rest = await ReadToEndAsync(timeoutMs);
            return rest.Length == 0;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<string> ReadHeadAsync(CancellationToken token)
    {
        while (true)
        {
            int end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                string text = Encoding.Latin1.GetString(_buffer, _start, end);
                _start += end + 4;
                return text;
            }
            await FillAsync(token);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken token)
    {
        var result = new byte[count];
        int have = 0;
        while (have < count)
        {
            if (_start == _end) await FillAsync(token);
            int n = Math.Min(count - have, _end - _start);
            Array.Copy(_buffer, _start, result, have, n);
            _start += n;
            have += n;
        }
        return result;
    }

    private async Task<string> ReadLineAsync(CancellationToken token)
    {
        while (true)
        {
            int lf = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (lf >= 0)
            {
                string line = Encoding.Latin1.GetString(_buffer, _start, lf);
                _start += lf + 2;
                return line;
            }
            await FillAsync(token);
        }
    }

    private async Task<byte[]> ReadChunkedAsync(RawResponse response, CancellationToken token)
    {
        var body = new MemoryStream();
        while (true)
        {
            string sizeLine = await ReadLineAsync(token);
            int size = Convert.ToInt32(sizeLine.Split(';')[0], 16);
            response.Chunks++;
            if (size == 0) break;
            body.Write(await ReadExactAsync(size, token));
            if (await ReadLineAsync(token) != "") throw new InvalidDataException("chunk data not followed by CRLF");
        }
        while (await ReadLineAsync(token) != "") { }
        return body.ToArray();
    }

    private async Task FillAsync(CancellationToken token)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) throw new InvalidDataException("response head too large");
        int n = await _stream.ReadAsync(_buffer.AsMemory(_end), token);
        if (n == 0) throw new EndOfStreamException("the server closed the connection");
        _end += n;
    }

    public void Dispose() => _client.Dispose();
}

internal sealed class RawResponse
{
    public string Version = "";
    public int Status;
    public string Reason = "";
    public List<(string Name, string Value)> Headers { get; } = new();
    public byte[] Body = Array.Empty<byte>();
    public bool CloseDelimited;
    public int Chunks;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name)
    {
        foreach (var (n, v) in Headers)
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    public int HeaderCount(string name)
    {
        int count = 0;
        foreach (var (n, _) in Headers)
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase)) count++;
        return count;
    }

    public override string ToString() => $"{Status} {Reason} [{string.Join(", ", Headers)}] {BodyText}";
}
