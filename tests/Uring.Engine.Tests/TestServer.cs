using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Engine;
using Uring.Tests.Shared;

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

    public ValueTask DisposeAsync() => new(TestServerShutdown.StopAndCheckAsync(Server, Log));
}
