using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using Uring.Http;
using Uring.Http1;

namespace Uring.Benchmarks.Http1;

/// <summary>
/// Parsing one request head into a pooled request, as the connection does for each request:
/// the TechEmpower plaintext request (3 fields) and a browser navigation (a dozen fields).
/// Allocated bytes must be 0.
/// </summary>
[MemoryDiagnoser]
public unsafe class RequestParserBenchmarks
{
    private const string Plaintext =
        "GET /plaintext HTTP/1.1\r\n" +
        "Host: server\r\n" +
        "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r\n" +
        "Connection: keep-alive\r\n\r\n";

    private const string Browser =
        "GET /docs/index.html?lang=en HTTP/1.1\r\n" +
        "Host: www.example.com\r\n" +
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n" +
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n" +
        "Accept-Language: en-US,en;q=0.5\r\n" +
        "Accept-Encoding: gzip, deflate, br, zstd\r\n" +
        "Referer: https://www.example.com/\r\n" +
        "Connection: keep-alive\r\n" +
        "Cookie: session=0123456789abcdef0123456789abcdef; theme=dark; _ga=GA1.2.123456789.1700000000\r\n" +
        "Upgrade-Insecure-Requests: 1\r\n" +
        "Sec-Fetch-Dest: document\r\n" +
        "Sec-Fetch-Mode: navigate\r\n" +
        "Sec-Fetch-Site: same-origin\r\n" +
        "If-None-Match: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\r\n\r\n";

    private static readonly Http1Limits Limits = new(8192, 32768, 100, 1024 * 1024);

    private readonly HttpContext _context = new();
    private byte[] _plaintext = null!;
    private byte[] _browser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plaintext = Encoding.ASCII.GetBytes(Plaintext);
        _browser = Encoding.ASCII.GetBytes(Browser);
        if (Parse(_plaintext) != _plaintext.Length || Parse(_browser) != _browser.Length)
            throw new InvalidOperationException("the benchmark requests must parse");
    }

    [Benchmark(Baseline = true)]
    public int TechEmpowerPlaintext() => Parse(_plaintext);

    [Benchmark]
    public int BrowserDozenFields() => Parse(_browser);

    private int Parse(byte[] head)
    {
        HttpRequest request = _context.Request;
        request.Reset();
        var parser = new Http1RequestParser();
        parser.Reset();
        return parser.Parse(head, request, Limits) == ParseStatus.Complete ? parser.HeadLength : -1;
    }
}
