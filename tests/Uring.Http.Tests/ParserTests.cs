using System;
using System.Collections.Generic;
using System.Text;
using Uring.Http1;
using Xunit;

namespace Uring.Http.Tests;

public class ParserTests
{
    internal const string Plaintext =
        "GET /plaintext HTTP/1.1\r\n" +
        "Host: server\r\n" +
        "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r\n" +
        "Connection: keep-alive\r\n\r\n";

    internal const string Browser =
        "GET /docs/index.html?lang=en&x=%20y HTTP/1.1\r\n" +
        "Host: www.example.com:8080\r\n" +
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
        "If-None-Match: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\r\n" +
        "X-Custom-Trace: abc\tdef \r\n\r\n";

    [Fact]
    public void Parses_the_TechEmpower_plaintext_request()
    {
        string r = ParserHarness.Whole(Plaintext);
        Assert.StartsWith($"OK len={Plaintext.Length} method=Get/GET target=/plaintext path=/plaintext query= authority=server version=Http11 cl=0 body=False chunked=False keepalive=True", r);
        Assert.Contains("[Host|Host|server][Accept|Accept|text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7][Connection|Connection|keep-alive]", r);
    }

    [Fact]
    public void Parses_a_browser_request_with_many_fields()
    {
        string r = ParserHarness.Whole(Browser);
        Assert.StartsWith("OK len=" + Browser.Length + " method=Get/GET target=/docs/index.html?lang=en&x=%20y path=/docs/index.html query=lang=en&x=%20y authority=www.example.com:8080", r);
        Assert.Contains("[UserAgent|User-Agent|Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0]", r);
        Assert.Contains("[SecFetchSite|Sec-Fetch-Site|same-origin]", r);
        Assert.Contains("[IfNoneMatch|If-None-Match|\"33a64df551425fcc55e4d42a148795d9f25f89d4\"]", r);
        // Unknown names keep their spelling; surrounding whitespace is trimmed, inner HTAB kept.
        Assert.Contains("[None|X-Custom-Trace|abc\tdef]", r);
    }

    [Theory]
    [InlineData("GET http://example.com/a/b?c=d HTTP/1.1\r\nHost: ignored\r\n\r\n", "path=/a/b query=c=d authority=example.com ")]
    [InlineData("GET HTTP://Example.com:81 HTTP/1.1\r\nHost: x\r\n\r\n", "path=/ query= authority=Example.com:81 ")]
    [InlineData("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", "method=Options/OPTIONS target=* path=* ")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "method=Connect/CONNECT target=example.com:443 path= query= authority=example.com:443 ")]
    [InlineData("GET / HTTP/1.0\r\n\r\n", "version=Http10 cl=0 body=False chunked=False keepalive=False")]
    [InlineData("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "version=Http10 cl=0 body=False chunked=False keepalive=True")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n", "keepalive=False")]
    [InlineData("GET / HTTP/1.2\r\nHost: x\r\n\r\n", "version=Http11")]
    [InlineData("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", "OK len=31 method=Get")]
    [InlineData("PROPFIND /dav HTTP/1.1\r\nHost: x\r\n\r\n", "method=Custom/PROPFIND target=/dav")]
    [InlineData("POST /u HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\n", "cl=5 body=True chunked=False")]
    [InlineData("POST /u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: CHUNKED\r\n\r\n", "ERR UnsupportedTransferCoding")]
    [InlineData("POST /u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ,chunked\r\n\r\n", "cl=null body=True chunked=True")]
    [InlineData("POST /u HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n", "expect=True")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", "cl=0 body=False")]
    [InlineData("GET / HTTP/1.1\r\nHost:\r\n\r\n", "authority= version=Http11")]
    [InlineData("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "authority=[::1]:8080 ")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\nX-Obs-Text: caf\xe9\r\n\r\n", "[None|X-Obs-Text|caf\xe9]")]
    public void Parses_request_forms_and_framing(string raw, string expected)
    {
        Assert.Contains(expected, ParserHarness.Whole(raw));
    }

    [Fact]
    public void Needs_more_until_the_empty_line()
    {
        Assert.Equal("INCOMPLETE", ParserHarness.Whole("GET / HTTP/1.1\r\nHost: x\r\n"));
        Assert.Equal("INCOMPLETE", ParserHarness.Whole("GET / HTTP/1.1\r\nHost: x\r\n\r"));
        Assert.Equal("INCOMPLETE", ParserHarness.Whole("GET / HTT"));
        Assert.Equal("INCOMPLETE", ParserHarness.Whole(""));
    }

    [Fact]
    public void Bytes_after_the_head_are_not_consumed()
    {
        string head = "POST /u HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n";
        Assert.StartsWith($"OK len={head.Length} ", ParserHarness.Whole(head + "bodyGET / HTTP/1.1\r\n"));
    }

    [Fact]
    public void Limits_apply_to_partial_lines_too()
    {
        var small = new Http1Limits(64, 256, 4, 1000);
        Assert.Equal("ERR RequestLineTooLong", ParserHarness.Whole("GET /" + new string('a', 100), small));
        Assert.Equal("ERR HeaderSectionTooLarge", ParserHarness.Whole("GET / HTTP/1.1\r\nX: " + new string('a', 300), small));
        Assert.Equal("ERR TooManyFields", ParserHarness.Whole("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", small));
        Assert.Equal("ERR BodyTooLarge", ParserHarness.Whole("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n", small));
        Assert.StartsWith("OK", ParserHarness.Whole("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", small));
        // Exactly at the limits is fine: a 64-byte request line, a 256-byte header section.
        string line = "GET /" + new string('a', 64 - 14) + " HTTP/1.1";
        Assert.Equal(64, line.Length);
        string fields = "Host: x\r\nX: " + new string('b', 256 - 9 - 5 - 2) + "\r\n\r\n";
        Assert.Equal(256, fields.Length);
        Assert.StartsWith("OK", ParserHarness.Whole(line + "\r\n" + fields, small));
        Assert.Equal("ERR RequestLineTooLong", ParserHarness.Whole(line + "a\r\n" + fields, small));
        Assert.Equal("ERR HeaderSectionTooLarge", ParserHarness.Whole(line + "\r\nA" + fields, small));
    }

    /// <summary>Requests of every kind, valid and not, for the split property below.</summary>
    public static IEnumerable<object[]> Corpus()
    {
        yield return new object[] { Plaintext, "OK len=" + Plaintext.Length };
        yield return new object[] { "GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r\nAccept: */*\r\n\r\n", "OK len=60 " };
        yield return new object[] { "\r\nPOST /upload?x=1 HTTP/1.1\r\nHost: a.b\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "OK len=92 method=Post" };
        yield return new object[] { "GET http://h/p HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "OK len=51 method=Get/GET target=http://h/p path=/p" };
        yield return new object[] { "GET / HTTP/1.1\r\nHost: x\r\n Folded: no\r\n\r\n", "ERR ObsoleteLineFolding" };
        yield return new object[] { "GET / HTTP/1.1\r\n Host: x\r\n\r\n", "ERR WhitespaceBeforeFirstField" };
        yield return new object[] { "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", "ERR InvalidFieldName" };
        yield return new object[] { "GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n\r\n", "ERR InvalidFieldValue" };
        yield return new object[] { "GET / HTTP/1.1\nHost: x\r\n\r\n", "ERR BareLineFeed" };
        yield return new object[] { "GET / HTTP/2.0\r\nHost: x\r\n\r\n", "ERR UnsupportedVersion" };
        yield return new object[] { "GET /" + new string('p', 120) + " HTTP/1.1\r\nHost: x\r\n\r\n", "ERR RequestLineTooLong" };
        yield return new object[] { "GET / HTTP/1.1\r\nHost: x\r\nCookie: " + new string('c', 300) + "\r\n\r\n", "ERR HeaderSectionTooLarge" };
        yield return new object[] { "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nHost: x\r\n\r\n", "ERR TooManyFields" };
        yield return new object[] { "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "ERR ConflictingContentLength" };
        yield return new object[] { "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\n", "ERR MissingHost" };
    }

    private static readonly Http1Limits SplitLimits = new(100, 256, 5, 1024);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_split_point_gives_the_same_result(string raw, string expected)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(raw);
        string whole = ParserHarness.Run(bytes, Array.Empty<int>(), SplitLimits);
        Assert.StartsWith(expected, whole);
        for (int cut = 1; cut < bytes.Length; cut++)
            Assert.Equal(whole, ParserHarness.Run(bytes, new[] { cut }, SplitLimits));
        var everyByte = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) everyByte[i] = i + 1;
        Assert.Equal(whole, ParserHarness.Run(bytes, everyByte, SplitLimits));
        var random = new Random(bytes.Length);
        for (int trial = 0; trial < 50; trial++)
        {
            var cuts = new SortedSet<int>();
            int n = random.Next(1, 8);
            for (int i = 0; i < n; i++) cuts.Add(random.Next(1, bytes.Length));
            Assert.Equal(whole, ParserHarness.Run(bytes, new List<int>(cuts), SplitLimits));
        }
    }

    [Fact]
    public void Recognises_known_header_names_in_any_case()
    {
        Assert.Equal(KnownHeader.ContentLength, KnownHeaders.Lookup("content-LENGTH"u8));
        Assert.Equal(KnownHeader.Host, KnownHeaders.Lookup("HOST"u8));
        Assert.Equal(KnownHeader.SecWebSocketKey, KnownHeaders.Lookup("sec-websocket-key"u8));
        Assert.Equal(KnownHeader.None, KnownHeaders.Lookup("Hosts"u8));
        Assert.Equal(KnownHeader.None, KnownHeaders.Lookup("Hos\u00f4"u8));
        foreach (KnownHeader h in Enum.GetValues<KnownHeader>())
        {
            if (h == KnownHeader.None) continue;
            Assert.Equal(h, KnownHeaders.Lookup(KnownHeaders.Name(h)));
            Assert.Equal(h, KnownHeaders.Lookup(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(KnownHeaders.Name(h)).ToUpperInvariant())));
        }
    }
}
