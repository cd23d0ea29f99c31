using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Uring.Engine;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// Serves an <see cref="HttpApplication"/> over HTTP/1.1 (RFC 9112) on the engine. Bind it to a
/// listener with <see cref="ServerOptions.Listen"/>; <see cref="CreateDefault"/> gives the default site.
/// </summary>
public sealed class Http1Module : IProtocolModule
{
    private readonly ThreadLocal<Stack<Http1Connection>> _pool = new(static () => new Stack<Http1Connection>());

    public Http1Module(HttpApplication application, HttpServerOptions? options = null)
    {
        Application = application ?? throw new ArgumentNullException(nameof(application));
        Options = options ?? new HttpServerOptions();
        Options.Validate();
        Pipeline = application.Pipeline;
        Limits = Http1Limits.From(Options);
        ServerLine = string.IsNullOrEmpty(Options.ServerHeader) ? Array.Empty<byte>() : Encoding.UTF8.GetBytes($"Server: {Options.ServerHeader}\r\n");
        HeadersTimeoutMs = (long)Options.RequestHeadersTimeout.TotalMilliseconds;
        KeepAliveTimeoutMs = (long)Options.KeepAliveTimeout.TotalMilliseconds;
        BodyTimeoutMs = (long)Options.RequestBodyTimeout.TotalMilliseconds;
    }

    /// <summary>The module uringd serves by default: <see cref="DefaultSite"/> (an embedded page, /plaintext, /json).</summary>
    public static Http1Module CreateDefault(HttpServerOptions? options = null) => new(DefaultSite.Build(), options);

    public string Name => "http/1.1";

    public HttpApplication Application { get; }

    public HttpServerOptions Options { get; }

    internal RequestDelegate Pipeline { get; }

    internal Http1Limits Limits { get; }

    /// <summary>"Server: ...\r\n", or empty.</summary>
    internal byte[] ServerLine { get; }

    internal long HeadersTimeoutMs { get; }

    internal long KeepAliveTimeoutMs { get; }

    internal long BodyTimeoutMs { get; }

    public ConnectionHandler CreateHandler(Connection connection)
    {
        Stack<Http1Connection> pool = _pool.Value!;
        return pool.Count > 0 ? pool.Pop() : new Http1Connection(this);
    }

    /// <summary>A closed connection's handler, reset, for the next connection on this reactor.</summary>
    internal void Return(Http1Connection connection)
    {
        Stack<Http1Connection> pool = _pool.Value!;
        if (pool.Count < 4096) pool.Push(connection);
    }
}
