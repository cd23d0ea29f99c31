using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Uring.Http;

namespace Uring.Http1;

// The response side of IHttpTransport: framing decided at the start, written into the send queue.
internal sealed partial class Http1Connection
{
    private ref ResponseFraming _framing => ref X.Framing;
    private ref bool _responseStarted => ref X.ResponseStarted;
    private ref bool _sendBody => ref X.SendBody;
    private ref ManualResetValueTaskSourceCore<bool> _flushSource => ref X.FlushSource;
    private ref bool _flushPending => ref X.FlushPending;

    private void StartResponseState()
    {
        _framing = ResponseFraming.None;
        _responseStarted = false;
        _sendBody = false;
    }

    public void StartResponse(HttpResponse response, long contentLength)
    {
        EnsureOnReactor();
        if (_connection is null || _phase != Phase.Handler) return; // refused or gone: output is dropped
        _responseStarted = true;
        int status = response.StatusCode;
        if (response.Headers.RequestsClose) _keepAlive = false;
        bool allowsBody = StatusCodes.AllowsBody(status);
        ResponseFraming framing;
        if (!allowsBody) framing = ResponseFraming.None; // no Content-Length on 1xx/204 (RFC 9110 §8.6), none needed on 304
        else if (contentLength >= 0) framing = ResponseFraming.ContentLength;
        else if (_version == HttpProtocolVersion.Http11) framing = ResponseFraming.Chunked;
        else
        {
            // Chunked must not be sent to an HTTP/1.0 client (RFC 9112 §6.1): the close ends the body.
            framing = ResponseFraming.CloseDelimited;
            _keepAlive = false;
        }
        // Without 100 Continue the client may never send the body, so its end cannot be found.
        if (_expectContinue && !_continueSent && !BodyComplete) _keepAlive = false;
        _framing = framing;
        _sendBody = allowsBody && !response.SuppressBody;
        Http1ResponseWriter.WriteHead(_connection, status, response.Headers, _module.ServerLine, _reactor.DateLine, framing,
            contentLength, close: !_keepAlive, keepAliveHttp10: _keepAlive && _version == HttpProtocolVersion.Http10);
    }

    public void WriteBody(ReadOnlySpan<byte> data)
    {
        EnsureOnReactor();
        if (_connection is null || _phase != Phase.Handler || !_sendBody) return;
        if (_framing == ResponseFraming.Chunked) Http1ResponseWriter.WriteChunk(_connection, data);
        else _connection.Write(data);
    }

    public unsafe void WriteBody(StaticContent content)
    {
        EnsureOnReactor();
        if (_connection is null || _phase != Phase.Handler || !_sendBody) return;
        if (_framing == ResponseFraming.Chunked)
        {
            Http1ResponseWriter.WriteChunkHeader(_connection, content.Length);
            _connection.WriteExternal(content.Pointer, content.Length);
            _connection.Write("\r\n"u8);
        }
        else
        {
            _connection.WriteExternal(content.Pointer, content.Length);
        }
    }

    public void EndResponse()
    {
        EnsureOnReactor();
        if (_connection is null || _phase != Phase.Handler || !_sendBody) return;
        if (_framing == ResponseFraming.Chunked) Http1ResponseWriter.WriteLastChunk(_connection);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        EnsureOnReactor();
        if (_connection is null || _phase != Phase.Handler || !_connection.IsWriteBlocked) return default;
        if (_flushPending) throw new InvalidOperationException("A flush is already pending.");
        // Completed by OnWritable once the queue drains below the low-water mark (the engine's operation
        // timeout bounds the wait on a client that never reads).
        _flushPending = true;
        _flushSource.Reset();
        return new ValueTask(this, _flushSource.Version);
    }

    public void Abort()
    {
        if (_connection is null || _phase == Phase.Closed) return;
        _phase = Phase.Closed;
        _connection.Abort();
        FailPendingRead(new System.IO.IOException("The exchange was aborted."));
    }

    public IPEndPoint? RemoteEndPoint => _connection?.RemoteEndPoint;

    public IPEndPoint? LocalEndPoint => _connection?.LocalEndPoint;

    /// <summary>
    /// An asynchronous handler resumed off its reactor (for example after ConfigureAwait(false)) would
    /// race the reactor on this connection's state: refuse it loudly instead.
    /// </summary>
    private void EnsureOnReactor()
    {
        if (_x is not null && _handlerAsync && _connection is not null && !_connection.Reactor.IsOnReactorThread)
            throw new InvalidOperationException("HTTP responses must be written on the connection's reactor thread; do not use ConfigureAwait(false) in handlers.");
    }

    void IValueTaskSource.GetResult(short token) => _flushSource.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _flushSource.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _flushSource.OnCompleted(continuation, state, token, flags);
}
