using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// What a protocol provides for one exchange (an HTTP/1.1 request on its connection, an HTTP/2
/// stream): the request body coming in and the response going out. The core drives it from
/// <see cref="HttpResponse"/> and <see cref="HttpRequest"/>; handlers never see it.
/// All members are called on the reactor thread that owns the exchange.
/// </summary>
internal interface IHttpTransport
{
    /// <summary>Commits status and headers. <paramref name="contentLength"/> is the body length, or -1
    /// when it is unknown and the body is streamed (chunked on HTTP/1.1).</summary>
    void StartResponse(HttpResponse response, long contentLength);

    /// <summary>Sends body bytes (after <see cref="StartResponse"/>). Bytes are copied.</summary>
    void WriteBody(ReadOnlySpan<byte> data);

    /// <summary>Writes body bytes that stay valid for the life of the process, by reference where the protocol can.</summary>
    void WriteBody(StaticContent content);

    /// <summary>Completes when queued output has drained below the connection's high-water mark.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>The body is complete (after <see cref="StartResponse"/>): end the message.</summary>
    void EndResponse();

    ValueTask<int> ReadBodyAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Abandons the exchange: the connection (HTTP/1) or stream (HTTP/2) is reset.</summary>
    void Abort();

    IPEndPoint? RemoteEndPoint { get; }

    IPEndPoint? LocalEndPoint { get; }
}
