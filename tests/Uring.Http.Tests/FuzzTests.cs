using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>
/// Mutation fuzzing over real sockets: valid requests with bytes flipped, inserted, deleted,
/// duplicated or cut, each followed by the client's FIN. Whatever arrives, the server answers with
/// a well-formed status line or just closes; it never throws out of a callback, never kills its
/// reactor, and keeps serving.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Corpus =
    {
        "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /json HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nUser-Agent: fuzz/1.0\r\nCookie: a=b; c=d\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n3\r\nabc\r\n0\r\nTrailer: v\r\n\r\n",
        "GET http://a/echo-path/x%20y?q=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        "GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\nGET /json HTTP/1.1\r\nHost: a\r\n\r\nHEAD /plaintext HTTP/1.1\r\nHost: a\r\n\r\n",
        "PUT /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    };

    private static readonly byte[] Interesting = Encoding.Latin1.GetBytes("\0\r\n \t:;,=\"\\/%0aA9\u007f\u0080\u00ff-+xX");

    internal static byte[] Mutate(byte[] input, Random rng)
    {
        var b = new List<byte>(input);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = rng.Next(b.Count);
            switch (rng.Next(6))
            {
                case 0: b[at] = Interesting[rng.Next(Interesting.Length)]; break;
                case 1: b.Insert(at, Interesting[rng.Next(Interesting.Length)]); break;
                case 2: b.RemoveAt(at); break;
                case 3:
                    int len = Math.Min(1 + rng.Next(16), b.Count - at);
                    b.InsertRange(at, b.GetRange(at, len));
                    break;
                case 4: b.RemoveRange(at, b.Count - at); break; // truncate
                case 5: b[at] = (byte)rng.Next(256); break;
            }
        }
        return b.ToArray();
    }

    [Fact]
    public async Task Mutated_requests_get_a_status_or_a_close_and_never_hurt_the_reactor()
    {
        await using HttpTestServer server = TestApps.Start();
        var rng = new Random(20261123);
        var cases = new List<byte[]>();
        for (int i = 0; i < 800; i++) cases.Add(Mutate(Encoding.Latin1.GetBytes(Corpus[i % Corpus.Length]), rng));

        foreach (byte[][] batch in cases.Chunk(16))
            await Task.WhenAll(batch.Select(input => Exchange(server, input)));

        // Still serving, and no handler or engine fault on the way.
        using RawConnection probe = await server.ConnectAsync();
        await probe.SendAsync("GET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n");
        RawResponse ok = await probe.ReadResponseAsync();
        Assert.Equal(200, ok.Status);
        Assert.DoesNotContain(server.Log, l => l.Contains("threw") || l.Contains("fatal"));
    }

    private static async Task Exchange(HttpTestServer server, byte[] input)
    {
        using RawConnection c = await server.ConnectAsync();
        try
        {
            await c.SendAsync(input);
            c.ShutdownSend();
        }
        catch (SocketException)
        {
            return; // the server already answered and reset: fine
        }
        catch (System.IO.IOException)
        {
            return;
        }
        byte[] reply = await c.ReadToEndAsync(timeoutMs: 10_000);
        string text = Encoding.Latin1.GetString(reply);
        // Either nothing (a plain close), or a response starting with a well-formed status line.
        if (reply.Length == 0) return;
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"^HTTP/1\.1 [1-5]\d\d "),
            $"reply to {Encoding.Latin1.GetString(input).Replace("\r", "\\r").Replace("\n", "\\n")}: {text[..Math.Min(80, text.Length)]}");
    }
}
