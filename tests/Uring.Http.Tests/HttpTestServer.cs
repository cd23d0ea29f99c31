using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Engine;
using Uring.Tests.Shared;
using Uring.Http1;

namespace Uring.Http.Tests;

/// <summary>An HTTP/1.1 server on loopback with an ephemeral port and one reactor; stops (and checks it stopped) on dispose.</summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    public HttpTestServer(HttpApplication application, Action<HttpServerOptions>? http = null, Action<ServerOptions>? engine = null)
    {
        var httpOptions = new HttpServerOptions();
        httpOptions.Log = line => Log.Enqueue(line);
        http?.Invoke(httpOptions);
        Module = new Http1Module(application, httpOptions);
        var options = new ServerOptions
        {
            Cores = new[] { 0 },
            PinThreads = false,
            Backend = TestBackend.Kind,
            ReceiveBufferCount = 256,
            SendBlockCount = 64,
            Log = line => Log.Enqueue(line),
        };
        options.Listen(new IPEndPoint(IPAddress.Loopback, 0), Module);
        engine?.Invoke(options);
        Server = new UringServer(options);
        Server.Start();
    }

    /// <summary>The default site (/, /plaintext, /json).</summary>
    public static HttpTestServer Default(Action<HttpServerOptions>? http = null, Action<ServerOptions>? engine = null) =>
        new(DefaultSite.Build(), http, engine);

    /// <summary>A site built by <paramref name="map"/>.</summary>
    public static HttpTestServer With(Action<HttpApplicationBuilder> map, Action<HttpServerOptions>? http = null, Action<ServerOptions>? engine = null)
    {
        var builder = new HttpApplicationBuilder();
        map(builder);
        return new HttpTestServer(builder.Build(), http, engine);
    }

    public UringServer Server { get; }

    public Http1Module Module { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public int Port => Server.GetPort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public Reactor Reactor => Server.Reactors[0];

    public async Task<RawConnection> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Port);
        return new RawConnection(client);
    }

    /// <summary>Runs <paramref name="work"/> on the reactor thread and returns its result.</summary>
    public Task<T> OnReactorAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Reactor.Post(_ =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, null);
        return done.Task;
    }

    public ValueTask DisposeAsync() => new(TestServerShutdown.StopAndCheckAsync(Server, Log));
}
