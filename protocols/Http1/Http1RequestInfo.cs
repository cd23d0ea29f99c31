using Uring.Http;

namespace Uring.Http1;

/// <summary>What the parser learnt about a request's framing and connection handling from its head.</summary>
internal struct Http1RequestInfo
{
    public HttpProtocolVersion Version;

    /// <summary>The request-target was absolute-form: its authority replaces Host (RFC 9112 §3.2.2).</summary>
    public bool AbsoluteForm;

    public int HostCount;
    public int HostIndex;

    /// <summary>-1 when no Content-Length was received.</summary>
    public long ContentLength;

    public bool TransferEncoding;
    public int ChunkedCount;
    public bool ChunkedLast;
    public bool UnknownCoding;

    public bool ConnectionClose;
    public bool ConnectionKeepAlive;

    public bool ExpectContinue;

    /// <summary>The body is chunked (valid only once the head is complete).</summary>
    public readonly bool Chunked => TransferEncoding;

    /// <summary>Persistence per RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".</summary>
    public readonly bool KeepAlive => !ConnectionClose && (Version != HttpProtocolVersion.Http10 || ConnectionKeepAlive);

    public void Reset()
    {
        this = default;
        HostIndex = -1;
        ContentLength = -1;
    }
}
