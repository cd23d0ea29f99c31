using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Engine;

namespace Uring.Engine.Tests;

/// <summary>A server on loopback with an ephemeral port, for tests; stops (and checks it stopped) on dispose.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public UringServer Server { get; }
    public ConcurrentQueue<string> Log { get; } = new();
    public int Port => Server.GetPort();
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public TestServer(IProtocolModule module, Action<ServerOptions>? configure = null, int reactors = 1)
    {
        var cores = new int[reactors];
        for (int i = 0; i < reactors; i++) cores[i] = i % Environment.ProcessorCount;
        var options = new ServerOptions
        {
            Cores = cores,
            PinThreads = false,
            Backend = TestBackend.Kind,
            ReceiveBufferCount = 256,
            SendBlockCount = 64,
        };
        options.Log = line => Log.Enqueue(line);
        options.Listen(new IPEndPoint(IPAddress.Loopback, 0), module);
        configure?.Invoke(options);
        Server = new UringServer(options);
        Server.Start();
    }

    public async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Task stop = Server.StopAsync(TimeSpan.FromSeconds(2));
        if (await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(15))) != stop)
            throw new TimeoutException("server did not stop; log:\n" + string.Join('\n', Log));
        // Every test also checks that no reactor died on an engine fault (a buffer handed out
        // twice, a broken invariant): handler exceptions only abort their connection.
        if (Server.Fault is not null) throw new InvalidOperationException("a reactor failed: " + Server.Fault);
    }
}

/// <summary>The backend the engine tests run on: URING_TEST_BACKEND=epoll|io_uring|auto (default auto).</summary>
internal static class TestBackend
{
    public static BackendKind Kind => (Environment.GetEnvironmentVariable("URING_TEST_BACKEND") ?? "auto").ToLowerInvariant() switch
    {
        "epoll" => BackendKind.Epoll,
        "io_uring" or "iouring" => BackendKind.IoUring,
        _ => BackendKind.Auto,
    };
}
