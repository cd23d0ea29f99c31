using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Uring.Http;

namespace Uring.Http1;

// The request body: Content-Length or chunked framing, read by the handler or drained after it.
internal sealed unsafe partial class Http1Connection
{
    private ref Http1BodyKind _bodyKind => ref X.BodyKind;
    private ref long _bodyRemaining => ref X.BodyRemaining;
    private ref ChunkedDecoder _chunked => ref X.Chunked;
    private ref bool _expectContinue => ref X.ExpectContinue;
    private ref bool _continueSent => ref X.ContinueSent;
    private ref ManualResetValueTaskSourceCore<int> _readSource => ref X.ReadSource;
    private ref bool _readPending => ref X.ReadPending;
    private ref Memory<byte> _readBuffer => ref X.ReadBuffer;
    private ref CancellationTokenRegistration _readCancellation => ref X.ReadCancellation;

    private bool BodyComplete => _bodyKind switch
    {
        Http1BodyKind.None => true,
        Http1BodyKind.ContentLength => _bodyRemaining == 0,
        _ => _chunked.IsDone,
    };

    private void StartBody(in Http1RequestInfo info)
    {
        // RFC 9112 §6.3: chunked when Transfer-Encoding (validated to end in chunked), else
        // Content-Length, else no body.
        _bodyKind = info.Chunked ? Http1BodyKind.Chunked : info.ContentLength > 0 ? Http1BodyKind.ContentLength : Http1BodyKind.None;
        _bodyRemaining = Math.Max(0, info.ContentLength);
        _chunked.Reset();
        _expectContinue = info.ExpectContinue && _bodyKind != Http1BodyKind.None;
        _continueSent = false;
    }

    public ValueTask<int> ReadBodyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        EnsureOnReactor();
        if (_x is null) return ValueTask.FromException<int>(new BadRequestException(400, "The connection closed before the whole body arrived."));
        if (_readPending) throw new InvalidOperationException("A body read is already pending.");
        if (BodyComplete) return new ValueTask<int>(0);
        if (_connection is null || _phase != Phase.Handler)
            return ValueTask.FromException<int>(new BadRequestException(400, "The connection closed before the whole body arrived."));
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
        if (buffer.IsEmpty) return new ValueTask<int>(0);

        // The client waits for this before sending the body (RFC 9110 §10.1.1).
        if (_expectContinue && !_continueSent && !_responseStarted)
        {
            _continueSent = true;
            Http1ResponseWriter.WriteContinue(_connection);
        }
        int n = ReadFromInput(buffer.Span, out RequestRejection error);
        if (error != RequestRejection.None)
        {
            Reject(error);
            return ValueTask.FromException<int>(new BadRequestException(RequestRejections.StatusOf(error), $"Bad request body: {error}."));
        }
        if (n > 0 || BodyComplete)
        {
            if (_connection.IsReadingPaused) AfterInput(); // the queue shrank: reading may resume
            return new ValueTask<int>(n);
        }
        if (_readEnded) return ValueTask.FromException<int>(new BadRequestException(400, "The client closed the connection before sending the whole body."));

        _readPending = true;
        _readBuffer = buffer;
        _readSource.Reset();
        if (cancellationToken.CanBeCanceled)
            _readCancellation = cancellationToken.UnsafeRegister(static (s, token) => CancelRead(s!, token), (this, _readSource.Version));
        Arm(Deadline.Body, _module.BodyTimeoutMs);
        if (_connection.IsReadingPaused) _connection.ResumeReading();
        return new ValueTask<int>(this, _readSource.Version);
    }

    /// <summary>Body bytes arrived while a read waits (called from OnData).</summary>
    private void ServePendingRead()
    {
        int n = ReadFromInput(_readBuffer.Span, out RequestRejection error);
        if (error != RequestRejection.None) Reject(error);
        else if (n > 0 || BodyComplete) CompleteRead(n);
    }

    /// <summary>Decodes body bytes from the queue, then the lent buffer, into <paramref name="destination"/>.</summary>
    private int ReadFromInput(Span<byte> destination, out RequestRejection error)
    {
        error = RequestRejection.None;
        int total = 0;
        while (!destination.IsEmpty && !BodyComplete)
        {
            bool fromQueue = !_queue.IsEmpty;
            ReadOnlySpan<byte> input = fromQueue ? _queue.Span : new ReadOnlySpan<byte>(_lent + _lentPos, _lentLength - _lentPos);
            if (input.IsEmpty) break;
            int consumed, produced;
            if (_bodyKind == Http1BodyKind.ContentLength)
            {
                consumed = produced = (int)Math.Min(_bodyRemaining, Math.Min(input.Length, destination.Length));
                input.Slice(0, produced).CopyTo(destination);
                _bodyRemaining -= produced;
            }
            else if (_chunked.Decode(input, destination, discard: false, _module.Limits, out consumed, out produced) == ChunkedDecoder.Result.Error)
            {
                error = _chunked.Rejection;
                return total;
            }
            ConsumeInput(fromQueue, consumed);
            destination = destination.Slice(produced);
            total += produced;
        }
        return total;
    }

    /// <summary>Reads and drops the rest of a body the handler left unread. True once the body is complete.</summary>
    private bool Drain()
    {
        while (!BodyComplete)
        {
            bool fromQueue = !_queue.IsEmpty;
            ReadOnlySpan<byte> input = fromQueue ? _queue.Span : new ReadOnlySpan<byte>(_lent + _lentPos, _lentLength - _lentPos);
            if (input.IsEmpty) return false;
            int consumed;
            if (_bodyKind == Http1BodyKind.ContentLength)
            {
                consumed = (int)Math.Min(_bodyRemaining, input.Length);
                _bodyRemaining -= consumed;
            }
            else if (_chunked.Decode(input, default, discard: true, _module.Limits, out consumed, out _) == ChunkedDecoder.Result.Error)
            {
                // The response is out already; a broken body only ends the connection.
                CloseConnection();
                return false;
            }
            ConsumeInput(fromQueue, consumed);
        }
        EnterIdle();
        return true;
    }

    private void ConsumeInput(bool fromQueue, int count)
    {
        if (fromQueue) _queue.Consume(count);
        else _lentPos += count;
    }

    private void CompleteRead(int count)
    {
        _readPending = false;
        _readBuffer = default;
        _readCancellation.Dispose();
        _readCancellation = default;
        _readSource.SetResult(count);
    }

    private void FailPendingRead(Exception error)
    {
        if (_x is null || !_readPending) return;
        _readPending = false;
        _readBuffer = default;
        _readCancellation.Dispose();
        _readCancellation = default;
        _readSource.SetException(error);
    }

    private static void CancelRead(object state, CancellationToken token)
    {
        // Any thread: hop to the reactor, and act only if that same read is still waiting.
        var (connection, version) = ((Http1Connection, short))state;
        connection._reactor.Reactor.Post(static s =>
        {
            var (c, v, t) = ((Http1Connection, short, CancellationToken))s!;
            if (c._x is not null && c._readPending && c._readSource.Version == v) c.FailPendingRead(new OperationCanceledException(t));
        }, (connection, version, token));
    }

    int IValueTaskSource<int>.GetResult(short token) => _readSource.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _readSource.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _readSource.OnCompleted(continuation, state, token, flags);
}
