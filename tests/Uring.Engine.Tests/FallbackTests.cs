#if URING_BACKEND_IOURING
using System;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>The default build falls back to epoll at run time where io_uring is refused.</summary>
[Collection(SequentialCollection.Name)]
public class FallbackTests
{
    private const string Sysctl = "/proc/sys/kernel/io_uring_disabled";

    [SkippableFact]
    public async Task With_io_uring_disabled_by_sysctl_the_server_serves_over_epoll()
    {
        Skip.IfNot(File.Exists(Sysctl), "this kernel has no kernel.io_uring_disabled sysctl (before 6.6)");
        string original = File.ReadAllText(Sysctl).Trim();
        try
        {
            File.WriteAllText(Sysctl, "2");
        }
        catch (UnauthorizedAccessException)
        {
            Skip.If(true, "setting kernel.io_uring_disabled needs root");
        }
        catch (IOException e)
        {
            Skip.If(true, $"kernel.io_uring_disabled is read-only here ({e.Message})");
        }
        try
        {
            var options = new ServerOptions { Cores = new[] { 0 }, PinThreads = false, Backend = BackendKind.Auto };
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            options.Log = log.Enqueue;
            options.Listen(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), new EchoModule());
            var server = new UringServer(options);
            server.Start();
            try
            {
                Assert.Equal(BackendKind.Epoll, server.SelectedBackend);
                Assert.Contains(log, l => l.Contains("falling back to epoll") && l.Contains("EPERM"));
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, server.GetPort());
                await client.GetStream().WriteAsync("still served"u8.ToArray());
                byte[] buf = new byte[12];
                await client.GetStream().ReadExactlyAsync(buf);
                Assert.Equal("still served", System.Text.Encoding.ASCII.GetString(buf));
            }
            finally
            {
                await server.StopAsync(TimeSpan.FromSeconds(1));
            }
            // Asking for io_uring explicitly must fail clearly, not silently fall back.
            var strict = new ServerOptions { Cores = new[] { 0 }, PinThreads = false, Backend = BackendKind.IoUring, Log = _ => { } };
            strict.Listen(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), new EchoModule());
            Assert.Throws<IoUringUnavailableException>(() => new UringServer(strict).Start());
        }
        finally
        {
            File.WriteAllText(Sysctl, original);
        }
    }
}
#endif
