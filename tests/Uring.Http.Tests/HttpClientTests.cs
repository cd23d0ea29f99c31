using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>.NET's HttpClient (SocketsHttpHandler) against the server.</summary>
public class HttpClientTests : IClassFixture<ProtocolTests.Server>
{
    private readonly HttpTestServer _http;

    public HttpClientTests(ProtocolTests.Server server) => _http = server.Http;

    private HttpClient Client(int connections = 1) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections })
    {
        BaseAddress = new Uri(_http.BaseUrl),
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Gets_the_benchmark_endpoints()
    {
        using HttpClient client = Client();
        HttpResponseMessage plain = await client.GetAsync("/plaintext");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(new Version(1, 1), plain.Version);
        Assert.Equal("Hello, World!", await plain.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", plain.Content.Headers.ContentType!.ToString());
        Assert.Equal(13, plain.Content.Headers.ContentLength);
        Assert.Equal("uring", plain.Headers.Server.ToString());
        Assert.NotNull(plain.Headers.Date);

        HttpResponseMessage json = await client.GetAsync("/json");
        Assert.Equal("{\"message\":\"Hello, World!\"}", await json.Content.ReadAsStringAsync());
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Posts_sized_and_chunked_bodies()
    {
        using HttpClient client = Client();
        byte[] data = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        HttpResponseMessage sized = await client.PostAsync("/echo", new ByteArrayContent(data));
        Assert.Equal(data, await sized.Content.ReadAsByteArrayAsync());

        // A stream of unknown length goes out chunked.
        var chunked = new StreamContent(new NonSeekableStream(data));
        var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Reads_a_streamed_chunked_response()
    {
        using HttpClient client = Client();
        string body = await client.GetStringAsync("/stream/10");
        Assert.Equal(string.Concat(Enumerable.Range(0, 10).Select(i => $"piece {i}\n")), body);
    }

    [Fact]
    public async Task Reuses_one_connection_for_sequential_requests()
    {
        long before = await _http.OnReactorAsync(() => _http.Reactor.AcceptedConnections);
        using HttpClient client = Client();
        for (int i = 0; i < 20; i++) Assert.Equal("Hello, World!", await client.GetStringAsync("/plaintext"));
        long after = await _http.OnReactorAsync(() => _http.Reactor.AcceptedConnections);
        Assert.Equal(1, after - before);
    }

    [Fact]
    public async Task Serves_concurrent_requests()
    {
        using HttpClient client = Client(connections: 16);
        string[] results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => client.GetStringAsync(i % 2 == 0 ? "/plaintext" : "/delay/5")));
        Assert.All(results, r => Assert.True(r == "Hello, World!" || r == "same reactor", r));
    }

    [Fact]
    public async Task Sees_404_405_and_500()
    {
        using HttpClient client = Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nowhere")).StatusCode);
        HttpResponseMessage notAllowed = await client.DeleteAsync("/plaintext");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed.StatusCode);
        Assert.Equal(new[] { "GET", "HEAD" }, notAllowed.Content.Headers.Allow.ToArray());
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/throw")).StatusCode);
        Assert.Equal("Hello, World!", await client.GetStringAsync("/plaintext"));
    }

    private sealed class NonSeekableStream : Stream
    {
        private readonly MemoryStream _inner;

        public NonSeekableStream(byte[] data) => _inner = new MemoryStream(data);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7000));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
