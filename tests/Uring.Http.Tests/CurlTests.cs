using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>curl, a strict and widely used client, against the server: versions, reuse, HEAD, chunked upload.</summary>
public class CurlTests : IClassFixture<ProtocolTests.Server>
{
    private const string Curl = "/usr/bin/curl";
    private readonly HttpTestServer _http;

    public CurlTests(ProtocolTests.Server server) => _http = server.Http;

    private static async Task<(int Exit, string Out, string Err)> RunCurl(params string[] args)
    {
        Skip.IfNot(File.Exists(Curl), $"{Curl} is not installed");
        var psi = new ProcessStartInfo(Curl) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--max-time");
        psi.ArgumentList.Add("10");
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    [SkippableFact]
    public async Task Http11_get_reuses_one_connection_for_several_urls()
    {
        var (exit, output, log) = await RunCurl("-sv", $"{_http.BaseUrl}/plaintext", $"{_http.BaseUrl}/json");
        Assert.Equal(0, exit);
        Assert.Equal("Hello, World!{\"message\":\"Hello, World!\"}", output);
        Assert.Contains("> GET /plaintext HTTP/1.1", log);
        Assert.Contains("< HTTP/1.1 200 OK", log);
        Assert.Contains("< Server: uring", log);
        Assert.Contains("Re-using existing", log);
        Assert.Equal(1, CountOf(log, "Connected to"));
    }

    [SkippableFact]
    public async Task Http10_get_is_answered_and_closed()
    {
        var (exit, output, log) = await RunCurl("-sv", "-0", $"{_http.BaseUrl}/plaintext");
        Assert.Equal(0, exit);
        Assert.Equal("Hello, World!", output);
        Assert.Contains("> GET /plaintext HTTP/1.0", log);
        Assert.Contains("< Connection: close", log);
    }

    [SkippableFact]
    public async Task Head_gets_headers_only()
    {
        var (exit, output, _) = await RunCurl("-sI", $"{_http.BaseUrl}/plaintext");
        Assert.Equal(0, exit);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", output);
        Assert.Contains("Content-Length: 13\r\n", output);
        Assert.Contains("Content-Type: text/plain\r\n", output);
        Assert.DoesNotContain("Hello", output);
    }

    [SkippableFact]
    public async Task Chunked_upload_is_echoed_intact()
    {
        string file = Path.GetTempFileName();
        try
        {
            byte[] data = new byte[300_000];
            new Random(7).NextBytes(data);
            await File.WriteAllBytesAsync(file, data);
            string output = Path.GetTempFileName();
            var (exit, _, log) = await RunCurl("-sv", "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/octet-stream",
                "--data-binary", "@" + file, "-o", output, $"{_http.BaseUrl}/echo");
            Assert.Equal(0, exit);
            Assert.Contains("> Transfer-Encoding: chunked", log);
            Assert.Equal(data, await File.ReadAllBytesAsync(output));
            File.Delete(output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task Expect_100_continue_upload_works()
    {
        var (exit, output, log) = await RunCurl("-sv", "-H", "Expect: 100-continue", "--data-binary", "payload", $"{_http.BaseUrl}/echo");
        Assert.Equal(0, exit);
        Assert.Equal("payload", output);
        Assert.Contains("< HTTP/1.1 100 Continue", log);
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
