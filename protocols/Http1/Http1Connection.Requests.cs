using System;
using System.Threading.Tasks;
using Uring.Http;

namespace Uring.Http1;

// Request flow: head → application → response completion → next request (or drain, or close).
internal sealed unsafe partial class Http1Connection
{
    private int _requestCount;

    // The request in flight lives in the exchange (null between requests).
    private ref HttpContext? _context => ref X.Context;
    private ref Http1RequestParser _parser => ref X.Parser;
    private ref bool _keepAlive => ref X.KeepAlive;
    private ref HttpProtocolVersion _version => ref X.Version;
    private ref bool _handlerActive => ref X.HandlerActive;
    private ref bool _handlerAsync => ref X.HandlerAsync;
    private ref ValueTask _pendingHandler => ref X.PendingHandler;
    private ref byte[]? _headCopy => ref X.HeadCopy;

    /// <summary>Runs every request whose bytes are here, in order, until one needs more input or goes asynchronous.</summary>
    private void ProcessInput()
    {
        while (_connection is not null)
        {
            switch (_phase)
            {
                case Phase.Idle:
                case Phase.Head:
                    if (_queue.IsEmpty && _lentPos == _lentLength) return;
                    // Pipelined requests wait while the client is not reading its responses.
                    if (_phase == Phase.Idle && _connection!.IsWriteBlocked)
                    {
                        _waitingWritable = true;
                        return;
                    }
                    if (!ReadHead()) return;
                    RunRequest();
                    break;
                case Phase.Draining:
                    if (!Drain()) return;
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>Parses the head from the queue (when it holds the start of it) or the lent buffer. True when complete.</summary>
    private bool ReadHead()
    {
        if (_phase == Phase.Idle)
        {
            BeginExchange();
            _context = HttpContextPool.Current.Rent(this);
            _parser.Reset();
            _phase = Phase.Head;
        }
        HttpRequest request = _context!.Request;
        ParseStatus status;
        while (true)
        {
            if (!_queue.IsEmpty)
            {
                status = _parser.Parse(_queue.Span, request, _module.Limits);
                if (status == ParseStatus.Complete)
                {
                    request.SetHead(_queue.Pointer, _parser.HeadLength);
                    _queue.Consume(_parser.HeadLength);
                    return true;
                }
                if (status == ParseStatus.Incomplete && _lentPos < _lentLength)
                {
                    // The head continues in the lent buffer: join it to its start (the parser resumes where it was).
                    _queue.Append(_reactor.Buffers, new ReadOnlySpan<byte>(_lent + _lentPos, _lentLength - _lentPos));
                    _lentPos = _lentLength;
                    continue;
                }
            }
            else
            {
                var lent = new ReadOnlySpan<byte>(_lent + _lentPos, _lentLength - _lentPos);
                status = _parser.Parse(lent, request, _module.Limits);
                if (status == ParseStatus.Complete)
                {
                    request.SetHead(_lent + _lentPos, _parser.HeadLength);
                    _lentPos += _parser.HeadLength;
                    return true;
                }
                if (status == ParseStatus.Incomplete)
                {
                    _queue.Append(_reactor.Buffers, lent);
                    _lentPos = _lentLength;
                }
            }
            if (status == ParseStatus.Error) Reject(_parser.Rejection);
            return false;
        }
    }

    private void RunRequest()
    {
        HttpContext context = _context!;
        ref Http1RequestInfo info = ref _parser.Info;
        _requestCount++;
        int max = _module.Options.MaxRequestsPerConnection;
        _keepAlive = info.KeepAlive && !_shutdown && (max == 0 || _requestCount < max);
        _version = info.Version;
        StartBody(in info);
        StartResponseState();
        context.Response.SuppressBody = context.Request.Method == RequestMethod.Head;
        _phase = Phase.Handler;
        _handlerActive = true;
        _deadline = Deadline.None; // a stale firing is ignored; AfterInput re-arms for what comes next

        ValueTask task;
        try
        {
            task = _module.Pipeline(context);
        }
        catch (Exception e)
        {
            OnHandlerFailed(e);
            FinishRequest();
            return;
        }
        if (!task.IsCompleted)
        {
            GoAsync(task);
            return;
        }
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            OnHandlerFailed(e);
        }
        FinishRequest();
    }

    /// <summary>The handler awaits: its request head must outlive the buffer it was parsed from.</summary>
    private void GoAsync(ValueTask task)
    {
        HttpRequest request = _context!.Request;
        int length = request.HeadLength;
        _headCopy = _reactor.Buffers.Rent(length);
        fixed (byte* copy = _headCopy)
        {
            Buffer.MemoryCopy(request.HeadBase, copy, length, length);
            request.Rebase(copy); // the array is pinned: the address stays valid after this block
        }
        _handlerAsync = true;
        _pendingHandler = task;
        // Registered from the reactor thread, so the continuation is posted back to this reactor.
        task.GetAwaiter().UnsafeOnCompleted(X.HandlerCompleted);
    }

    internal void OnHandlerCompleted()
    {
        try
        {
            ValueTask task = _pendingHandler;
            _pendingHandler = default;
            _handlerAsync = false;
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                OnHandlerFailed(e);
            }
            if (!FinishRequest()) return;
            ProcessInput();
            AfterInput();
        }
        catch (Exception e)
        {
            // Posted work has no per-connection containment: never let a fault escape into the loop.
            Log($"http1: connection failed after an asynchronous handler: {e}");
            Abort();
        }
    }

    private void OnHandlerFailed(Exception e)
    {
        if (_connection is null || _phase == Phase.Closed) return; // the client went away, or its request was refused
        HttpResponse response = _context!.Response;
        if (e is BadRequestException bad)
        {
            // Raised by the application (a body over its own limit): answer it, then close.
            _keepAlive = false;
            if (!response.HasStarted) response.ResetForError(bad.StatusCode);
            else Abort();
            return;
        }
        Log($"http1: handler failed for {System.Text.Encoding.Latin1.GetString(_context.Request.MethodName)} "
            + $"{System.Text.Encoding.Latin1.GetString(_context.Request.Target)}: {e}");
        if (!response.HasStarted) response.ResetForError(500);
        else Abort(); // the status is out: only a reset can tell the client the response is broken
    }

    /// <summary>Completes the response and decides what follows. False when the connection is gone.</summary>
    private bool FinishRequest()
    {
        HttpContext context = _context!;
        if (_phase == Phase.Handler && !context.Response.Complete())
        {
            Log($"http1: the handler declared Content-Length {context.Response.ContentLength} and wrote {context.Response.BodyBytesWritten} bytes");
            if (!context.Response.HasStarted)
            {
                context.Response.ResetForError(500);
                context.Response.Complete();
            }
            else
            {
                Abort();
            }
        }
        _handlerActive = false;
        _responseStarted = false;
        ReleaseContext();
        if (_connection is null)
        {
            Recycle();
            return false;
        }
        if (_phase == Phase.Closed) return true;
        if (!_keepAlive)
        {
            CloseConnection();
        }
        else if (BodyComplete)
        {
            EnterIdle();
        }
        else if (_expectContinue && !_continueSent)
        {
            // The client was told nothing and may never send the body: the connection's framing is unknowable.
            CloseConnection();
        }
        else
        {
            // The unread rest of the body must never be taken for the next request (RFC 9112 §6.3).
            _phase = Phase.Draining;
        }
        return true;
    }

    /// <summary>Answers a protocol error with its status and closes (or resets, when a response already started).</summary>
    private void Reject(RequestRejection rejection)
    {
        if (_connection is null || _phase == Phase.Closed) return;
        int status = RequestRejections.StatusOf(rejection);
        // Only the current request's response matters: earlier pipelined ones are complete and still queued.
        bool started = _x is not null && _handlerActive && _responseStarted;
        _phase = Phase.Closed;
        if (started)
        {
            _connection.Abort();
        }
        else
        {
            Http1ResponseWriter.WriteError(_connection, status, _module.ServerLine, _reactor.DateLine);
            _connection.Close();
        }
        FailPendingRead(new BadRequestException(status, $"Bad request: {rejection}."));
        if (_x is not null && !_handlerActive) ReleaseContext();
    }

    private void ReleaseContext()
    {
        if (_x is null) return;
        if (_context is not null)
        {
            HttpContextPool.Current.Return(_context);
            _context = null;
        }
        if (_headCopy is not null)
        {
            _reactor.Buffers.Return(_headCopy);
            _headCopy = null;
        }
    }
}
