using System;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

public class PipeliningTests : IClassFixture<ProtocolTests.Server>
{
    private readonly HttpTestServer _http;

    public PipeliningTests(ProtocolTests.Server server) => _http = server.Http;

    private static string Request(int i) => i % 10 == 5
        ? $"GET /delay/1 HTTP/1.1\r\nHost: x\r\nX-Seq: {i}\r\n\r\n"
        : $"GET /echo-path/{i} HTTP/1.1\r\nHost: x\r\n\r\n";

    private static void AssertResponse(int i, RawResponse r)
    {
        Assert.Equal(200, r.Status);
        Assert.Equal(i % 10 == 5 ? "same reactor" : $"/echo-path/{i}||x|{i}", r.BodyText);
    }

    [Fact]
    public async Task Answers_100_requests_sent_in_one_write_in_order()
    {
        using RawConnection c = await _http.ConnectAsync();
        var all = new StringBuilder();
        for (int i = 0; i < 100; i++) all.Append(Request(i));
        await c.SendAsync(all.ToString());
        for (int i = 0; i < 100; i++) AssertResponse(i, await c.ReadResponseAsync());
    }

    [Fact]
    public async Task Answers_requests_split_across_writes_at_arbitrary_bytes()
    {
        using RawConnection c = await _http.ConnectAsync();
        var all = new StringBuilder();
        for (int i = 0; i < 100; i++) all.Append(Request(i));
        byte[] bytes = Encoding.ASCII.GetBytes(all.ToString());
        var random = new Random(42);
        for (int at = 0; at < bytes.Length;)
        {
            int n = Math.Min(bytes.Length - at, random.Next(1, 200));
            await c.SendAsync(bytes.AsSpan(at, n).ToArray());
            at += n;
            if (random.Next(4) == 0) await Task.Delay(1);
        }
        for (int i = 0; i < 100; i++) AssertResponse(i, await c.ReadResponseAsync());
    }
}
