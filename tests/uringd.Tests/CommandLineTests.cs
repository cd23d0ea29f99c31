using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Uring.Engine;
using Xunit;

namespace Uring.Daemon.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--cores", "5-2")]
    [InlineData("--cores", "x")]
    [InlineData("--backend", "select")]
    [InlineData("--protocol", "gopher")]
    [InlineData("--listen", "nowhere")]
    [InlineData("--max-conns", "0")]
    [InlineData("--port")]
    [InlineData("--recv-buffers", "1000")]
    [InlineData("--recv-buffer-size", "10")]
    [InlineData("--op-timeout", "-1")]
    [InlineData("--arena", "giant")]
    [InlineData("--header-timeout", "0")]
    [InlineData("--send-block-size", "100")]
    [InlineData("--send-blocks", "0")]
    [InlineData("--max-request-line", "10")]
    [InlineData("--max-requests-per-conn", "-1")]
    [InlineData("--native-heap", "tcmalloc")]
    [InlineData("--send-zc-threshold", "-5")]
    public async Task Bad_arguments_give_a_one_line_reason_and_exit_code_2(params string[] args)
    {
        using var p = UringdProcess.Start(0, args);
        int code = await p.WaitExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, code);
        string[] lines = p.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("uringd: ", lines[0]);
    }

    [Fact]
    public async Task Help_and_version_exit_0()
    {
        using (var p = UringdProcess.Start(0, "--help"))
        {
            Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
            foreach (string flag in new[] { "--cores", "--port", "--listen", "--backend", "--max-conns", "--protocol",
                         "--header-timeout", "--keepalive-timeout", "--max-body", "--max-requests-per-conn", "--topology" })
                Assert.Contains(flag, p.StdOut);
        }
        using (var p = UringdProcess.Start(0, "--version"))
        {
            Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Matches(@"^uringd \d+\.\d+\.\d+", p.StdOut);
        }
    }

    [Fact]
    public async Task Topology_prints_cores_nodes_and_placement_and_exits_0()
    {
        using var p = UringdProcess.Start(0, "--topology", "--cores", "0-1");
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("node", p.StdOut);
        Assert.Contains("reactor 0", p.StdOut);
        Assert.Contains("mimalloc", p.StdOut);
        Assert.Contains("hugepages", p.StdOut);
    }

    [Fact]
    public void Options_map_onto_the_server()
    {
        var cli = new CliOptions { Cores = "0", Listen = new[] { "127.0.0.1:9001", "[::1]:9002" }, Backend = "epoll", MaxConnections = 10, Backlog = 7, Protocol = "resp" };
        Assert.True(CliConfiguration.TryBuild(cli, out ServerOptions o, out string? error), error);
        Assert.Equal(new[] { 0 }, o.Cores);
        Assert.Equal(BackendKind.Epoll, o.Backend);
        Assert.Equal(10, o.MaxConnectionsPerReactor);
        Assert.Equal(7, o.Backlog);
    }

    [Fact]
    public async Task Serves_and_stops_cleanly_on_SIGTERM()
    {
        int port = UringdProcess.FreePort();
        // The backend under test (scripts/test.sh runs the suite once per backend).
        string backend = Environment.GetEnvironmentVariable("URING_TEST_BACKEND") ?? "auto";
        using var p = UringdProcess.Start(port, "--cores", "0", "--port", port.ToString(), "--protocol", "resp", "--drain-timeout", "2", "--backend", backend);
        await p.WaitReadyAsync(TimeSpan.FromSeconds(30));
        using (var c = new TcpClient())
        {
            await c.ConnectAsync("127.0.0.1", port);
            await c.GetStream().WriteAsync("PING\r\n"u8.ToArray());
            byte[] buf = new byte[7];
            await c.GetStream().ReadExactlyAsync(buf);
            Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(buf));
        }
        p.Signal(15); // SIGTERM
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("stopped", p.StdErr);
        if (backend != "auto") Assert.Contains($"{backend} backend", p.StdErr);
    }

    [Fact]
    public async Task Serves_the_embedded_site_over_HTTP_by_default()
    {
        int port = UringdProcess.FreePort();
        string backend = Environment.GetEnvironmentVariable("URING_TEST_BACKEND") ?? "auto";
        using var p = UringdProcess.Start(port, "--cores", "0", "--port", port.ToString(), "--backend", backend);
        await p.WaitReadyAsync(TimeSpan.FromSeconds(30));
        using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using (var plain = await http.GetAsync("/plaintext"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal("Hello, World!", await plain.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", plain.Content.Headers.ContentType!.MediaType);
            Assert.Equal("uring", Assert.Single(plain.Headers.Server).Product!.Name);
            Assert.NotNull(plain.Headers.Date);
        }
        Assert.Equal("{\"message\":\"Hello, World!\"}", await http.GetStringAsync("/json"));
        Assert.Contains("<html", await http.GetStringAsync("/"));
        Assert.Equal(102_400, (await http.GetByteArrayAsync("/100k")).Length);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/missing")).StatusCode);
        p.Signal(15);
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_port_in_use_fails_with_a_clear_message()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Any, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var p = UringdProcess.Start(port, "--cores", "0", "--port", port.ToString());
        Assert.Equal(1, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("EADDRINUSE", p.StdErr);
    }
}
