using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks.Sources;
using Uring.Engine;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// One HTTP/1.1 connection: feeds received bytes to the parser, runs the application for each
/// request in turn (pipelined requests wait in the input queue, so responses leave in order),
/// frames the response, and enforces the timeouts. Pooled per reactor by <see cref="Http1Module"/>.
/// </summary>
/// <remarks>
/// Received bytes are parsed where the engine lent them. Only what cannot be finished inside the
/// callback is copied into the input queue (a split head, unread body, pipelined requests behind
/// an asynchronous handler), and a request head is copied out only when its handler goes
/// asynchronous. Idle, a connection holds no buffer and no context.
/// </remarks>
internal sealed unsafe partial class Http1Connection : ConnectionHandler, IHttpTransport, IValueTaskSource<int>, IValueTaskSource
{
    /// <summary>Input buffered behind a running handler beyond which reading pauses.</summary>
    private const int MaxBufferedInput = 64 * 1024;

    private readonly Http1Module _module;
    private Http1ReactorContext _reactor = null!;
    // The request in flight, from the first byte of its head until the connection is idle again.
    private Http1Exchange? _x;
    private Connection? _connection;
    private Phase _phase;
    private Deadline _deadline;
    private InputQueue _queue;

    // The receive buffer lent by the engine, during OnData only.
    private byte* _lent;
    private int _lentLength;
    private int _lentPos;

    private bool _readEnded;
    private bool _shutdown;
    private bool _waitingWritable;

    private enum Phase : byte
    {
        /// <summary>Between requests: nothing of the next one has arrived.</summary>
        Idle,
        /// <summary>Part of a request head has arrived.</summary>
        Head,
        /// <summary>The application is serving a request (inline, or awaiting).</summary>
        Handler,
        /// <summary>The response is done; the rest of its request body is read and dropped.</summary>
        Draining,
        /// <summary>Closing or closed: input is ignored and output dropped.</summary>
        Closed,
    }

    /// <summary>What the connection's timer currently stands for.</summary>
    private enum Deadline : byte
    {
        None,
        Idle,
        Headers,
        Body,
        Drain,
    }

    public Http1Connection(Http1Module module) => _module = module;

    /// <summary>The request in flight (callers know one is).</summary>
    private Http1Exchange X => _x!;

    /// <summary>Takes an exchange for the request whose head starts now.</summary>
    private void BeginExchange()
    {
        _x = _reactor.RentExchange();
        _x.Owner = this;
    }

    /// <summary>Between requests: the exchange goes back to the reactor's pool.</summary>
    private void EnterIdle()
    {
        _phase = Phase.Idle;
        EndExchange();
    }

    private void EndExchange()
    {
        if (_x is null) return;
        ReleaseContext();
        _reactor.ReturnExchange(_x);
        _x = null;
    }

    public override void OnOpened(Connection connection)
    {
        _connection = connection;
        _reactor = Http1ReactorContext.For(connection.Reactor);
        _phase = Phase.Idle;
        // A new connection gets the header timeout to say something (nginx: client_header_timeout).
        Arm(Deadline.Idle, _module.HeadersTimeoutMs);
    }

    public override void OnData(Connection connection, ReceivedData data)
    {
        ReadOnlySpan<byte> span = data.Span;
        fixed (byte* p = span)
        {
            _lent = p;
            _lentLength = span.Length;
            _lentPos = 0;
            if (_phase == Phase.Handler)
            {
                if (_readPending) ServePendingRead();
            }
            else
            {
                ProcessInput();
            }
            // Whatever could not be processed inside this callback must outlive the lent buffer.
            if (_lentPos < _lentLength && _phase != Phase.Closed)
                _queue.Append(_reactor.Buffers, new ReadOnlySpan<byte>(_lent + _lentPos, _lentLength - _lentPos));
            _lent = null;
            _lentLength = _lentPos = 0;
        }
        AfterInput();
    }

    public override void OnReadEnded(Connection connection)
    {
        _readEnded = true;
        if (_phase == Phase.Handler)
        {
            // The handler's completion decides; a read waiting for body bytes will never get them.
            if (_readPending) FailPendingRead(new BadRequestException(400, "The client closed the connection before sending the whole body."));
            return;
        }
        AfterInput();
    }

    public override void OnWritable(Connection connection)
    {
        if (_x is not null && _flushPending)
        {
            _flushPending = false;
            _flushSource.SetResult(true);
        }
        if (_waitingWritable && _phase != Phase.Closed)
        {
            _waitingWritable = false;
            ProcessInput();
            AfterInput();
        }
    }

    public override void OnTimeout(Connection connection)
    {
        switch (_deadline)
        {
            case Deadline.Idle when _phase == Phase.Idle:
            case Deadline.Drain when _phase == Phase.Draining:
                CloseConnection();
                break;
            case Deadline.Headers when _phase == Phase.Head:
                Reject(RequestRejection.RequestTimeout);
                break;
            case Deadline.Body when _x is not null && _readPending:
                if (_responseStarted)
                {
                    FailPendingRead(new BadRequestException(408, "Timed out waiting for the request body."));
                    Abort();
                }
                else
                {
                    Reject(RequestRejection.RequestTimeout);
                }
                break;
        }
    }

    public override void OnShutdown(Connection connection)
    {
        _shutdown = true;
        if (_x is not null) _keepAlive = false;
        if (_phase == Phase.Idle) CloseConnection();
    }

    public override void OnClosed(Connection connection, CloseReason reason)
    {
        _connection = null;
        _phase = Phase.Closed;
        FailPendingRead(new IOException("The connection closed."));
        if (_x is not null && _flushPending)
        {
            _flushPending = false;
            _flushSource.SetException(new IOException("The connection closed."));
        }
        _x?.Context?.SignalAborted();
        _queue.Clear(_reactor.Buffers);
        // A handler still running owns the context; the connection returns to the pool when it ends.
        if (_x is null || !_handlerActive) Recycle();
    }

    /// <summary>After input was processed (in OnData or when a handler finished): timers, reading, closing.</summary>
    private void AfterInput()
    {
        if (_connection is null || _phase == Phase.Closed) return;
        switch (_phase)
        {
            case Phase.Idle:
                _queue.ReleaseIfEmpty(_reactor.Buffers);
                if (_readEnded && !_waitingWritable)
                {
                    CloseConnection();
                    return;
                }
                if (_deadline != Deadline.Idle) Arm(Deadline.Idle, _module.KeepAliveTimeoutMs);
                break;
            case Phase.Head:
            case Phase.Draining:
                if (_readEnded)
                {
                    CloseConnection();
                    return;
                }
                // Measured from the request's first byte, not re-armed as more trickles in (slowloris).
                Deadline kind = _phase == Phase.Head ? Deadline.Headers : Deadline.Drain;
                if (_deadline != kind) Arm(kind, _module.HeadersTimeoutMs);
                break;
        }
        bool pause = _waitingWritable || (_phase == Phase.Handler && _queue.Length >= MaxBufferedInput);
        if (pause != _connection.IsReadingPaused)
        {
            if (pause) _connection.PauseReading();
            else _connection.ResumeReading();
        }
    }

    private void Arm(Deadline kind, long milliseconds)
    {
        _deadline = kind;
        _connection!.SetTimeout(milliseconds);
    }

    /// <summary>Graceful close: queued responses are sent first, then the engine closes (lingering).</summary>
    private void CloseConnection()
    {
        if (_phase == Phase.Closed) return;
        _phase = Phase.Closed;
        _connection?.Close();
    }

    /// <summary>Back to the module's pool, as new.</summary>
    private void Recycle()
    {
        EndExchange();
        _queue.Clear(_reactor.Buffers);
        _connection = null;
        _phase = Phase.Idle;
        _deadline = Deadline.None;
        _readEnded = _shutdown = _waitingWritable = false;
        _requestCount = 0;
        _module.Return(this);
    }

    private void Log(string message) => _module.Options.Log(message);
}
