using System;
using System.Buffers;
using System.Net;
using System.Threading;

namespace Uring.Http;

/// <summary>
/// One request/response exchange. Pooled per reactor and reused: everything here is valid only
/// until the response completes (for an asynchronous handler: until its task completes).
/// </summary>
public sealed class HttpContext
{
    private CancellationTokenSource? _aborted;
    private byte[]? _bodyBuffer;
    private IHttpTransport? _transport;

    internal HttpContext()
    {
        Request = new HttpRequest(this);
        Response = new HttpResponse(this);
    }

    public HttpRequest Request { get; }

    public HttpResponse Response { get; }

    /// <summary>Free for middleware and handlers to carry per-request state; cleared after each request.</summary>
    public object? Items { get; set; }

    /// <summary>Cancelled when the client goes away or the exchange is aborted.</summary>
    public CancellationToken RequestAborted => (_aborted ??= new CancellationTokenSource()).Token;

    public IPEndPoint? RemoteEndPoint => Transport.RemoteEndPoint;

    public IPEndPoint? LocalEndPoint => Transport.LocalEndPoint;

    /// <summary>Abandons the exchange at once (HTTP/1.1: the connection is reset).</summary>
    public void Abort() => Transport.Abort();

    internal IHttpTransport Transport => _transport ?? throw new InvalidOperationException("This context is not serving a request.");

    internal void Attach(IHttpTransport transport) => _transport = transport;

    /// <summary>The client went away: wake whoever waits on <see cref="RequestAborted"/>.</summary>
    internal void SignalAborted()
    {
        if (_aborted is { IsCancellationRequested: false } cts) cts.Cancel();
    }

    internal byte[] RentBodyBuffer(int size)
    {
        if (_bodyBuffer is not null && _bodyBuffer.Length >= size) return _bodyBuffer;
        ReturnBodyBuffer();
        return _bodyBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));
    }

    internal byte[] GrowBodyBuffer(int size)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(size);
        if (_bodyBuffer is not null)
        {
            _bodyBuffer.AsSpan().CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bodyBuffer);
        }
        return _bodyBuffer = bigger;
    }

    private void ReturnBodyBuffer()
    {
        if (_bodyBuffer is null) return;
        ArrayPool<byte>.Shared.Return(_bodyBuffer);
        _bodyBuffer = null;
    }

    /// <summary>Ready for the next exchange. A cancelled token source cannot be reused, so it is dropped.</summary>
    internal void Reset()
    {
        Request.Reset();
        Response.Reset();
        Items = null;
        _transport = null;
        ReturnBodyBuffer();
        if (_aborted is not null && !_aborted.TryReset()) _aborted = null;
    }
}
