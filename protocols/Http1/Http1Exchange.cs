using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using Uring.Http;

namespace Uring.Http1;

/// <summary>How the body of the request in flight is framed.</summary>
internal enum Http1BodyKind : byte
{
    None,
    ContentLength,
    Chunked,
}

/// <summary>
/// The state of one request in flight on an HTTP/1.1 connection — parser, body framing, the
/// handler's awaitables, response framing. A connection holds one only from the first byte of a
/// request head until the connection is idle again; between requests it holds none, which keeps an
/// idle keep-alive connection small (issue: ≤ 0.5 KB per idle connection). Pooled per reactor.
/// </summary>
internal sealed class Http1Exchange
{
    public Http1Connection? Owner;
    /// <summary>Bound once per exchange: the continuation of an asynchronous handler.</summary>
    public readonly Action HandlerCompleted;

    // The request.
    public HttpContext? Context;
    public Http1RequestParser Parser;
    public bool KeepAlive;
    public HttpProtocolVersion Version;
    public bool HandlerActive;
    public bool HandlerAsync;
    public ValueTask PendingHandler;
    public byte[]? HeadCopy;

    // Its body.
    public Http1BodyKind BodyKind;
    public long BodyRemaining;
    public ChunkedDecoder Chunked;
    public bool ExpectContinue;
    public bool ContinueSent;
    public ManualResetValueTaskSourceCore<int> ReadSource;
    public bool ReadPending;
    public Memory<byte> ReadBuffer;
    public CancellationTokenRegistration ReadCancellation;

    // Its response.
    public ResponseFraming Framing;
    public bool ResponseStarted;
    public bool SendBody;
    public ManualResetValueTaskSourceCore<bool> FlushSource;
    public bool FlushPending;

    public Http1Exchange() => HandlerCompleted = () => Owner!.OnHandlerCompleted();

    /// <summary>As new, for the next request (the value-task sources keep counting versions).</summary>
    public void Reset()
    {
        Owner = null;
        Context = null;
        Parser.Reset();
        KeepAlive = false;
        Version = default;
        HandlerActive = HandlerAsync = false;
        PendingHandler = default;
        HeadCopy = null;
        BodyKind = Http1BodyKind.None;
        BodyRemaining = 0;
        Chunked.Reset();
        ExpectContinue = ContinueSent = false;
        ReadPending = false;
        ReadBuffer = default;
        ReadCancellation = default;
        Framing = ResponseFraming.None;
        ResponseStarted = SendBody = false;
        FlushPending = false;
    }
}
