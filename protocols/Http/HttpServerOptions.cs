using System;

namespace Uring.Http;

/// <summary>
/// Limits and timeouts of an HTTP server, protocol-independent. The defaults follow nginx's
/// (client_header_timeout 60s, keepalive_timeout 75s, client_body_timeout 60s,
/// large_client_header_buffers 4 8k, client_max_body_size 1m, keepalive_requests 1000).
/// </summary>
public sealed class HttpServerOptions
{
    /// <summary>The Server header value (null or empty: none is sent).</summary>
    public string? ServerHeader { get; set; } = "uring";

    /// <summary>Time allowed to receive a request's header section, from its first byte (against slowloris);
    /// also the time a new connection may stay silent, and the time to drain a body the handler left unread.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an idle persistent connection is kept between requests.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>Longest wait for the next bytes of a request body a handler is reading (408 or reset when exceeded).</summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest request line (method, target, version) in bytes; longer gets 414.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>Largest header section (every field line with its CRLF) in bytes; larger gets 431. Trailers count too.</summary>
    public int MaxRequestHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Most header field lines per request; more gets 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Largest request body in bytes; larger gets 413 (at once when Content-Length says so).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests served on one connection before it is closed (0: unlimited).</summary>
    public int MaxRequestsPerConnection { get; set; } = 1000;

    /// <summary>Where errors of handlers go (default: standard error).</summary>
    public Action<string> Log { get; set; } = static line => Console.Error.WriteLine(line);

    /// <summary>Throws for values that cannot work; called when a module is built.</summary>
    public void Validate()
    {
        if (MaxRequestLineBytes < 64) throw new ArgumentException("MaxRequestLineBytes must be at least 64.");
        if (MaxRequestHeaderBytes < 256) throw new ArgumentException("MaxRequestHeaderBytes must be at least 256.");
        if (MaxRequestHeaderCount < 1) throw new ArgumentException("MaxRequestHeaderCount must be at least 1.");
        if (MaxRequestBodyBytes < 0) throw new ArgumentException("MaxRequestBodyBytes must not be negative.");
        if (MaxRequestsPerConnection < 0) throw new ArgumentException("MaxRequestsPerConnection must not be negative.");
        if (RequestHeadersTimeout <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero || RequestBodyTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeouts must be positive.");
        if (ServerHeader is { Length: > 0 } s && HttpCharacters.IndexOfInvalidFieldValue(System.Text.Encoding.UTF8.GetBytes(s)) >= 0)
            throw new ArgumentException("ServerHeader must be a valid field value.");
        ArgumentNullException.ThrowIfNull(Log);
    }
}
