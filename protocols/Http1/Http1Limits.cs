using Uring.Http;

namespace Uring.Http1;

/// <summary>The parser's limits, copied once from <see cref="HttpServerOptions"/>.</summary>
internal readonly struct Http1Limits
{
    /// <summary>Longest chunk-size line (size and extensions): extensions are ignored, so they only need bounding.</summary>
    public const int MaxChunkLineBytes = 4096;

    public readonly int MaxRequestLineBytes;
    public readonly int MaxHeaderBytes;
    public readonly int MaxHeaderCount;
    public readonly long MaxBodyBytes;

    public Http1Limits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes)
    {
        MaxRequestLineBytes = maxRequestLineBytes;
        MaxHeaderBytes = maxHeaderBytes;
        MaxHeaderCount = maxHeaderCount;
        MaxBodyBytes = maxBodyBytes;
    }

    public static Http1Limits From(HttpServerOptions o) =>
        new(o.MaxRequestLineBytes, o.MaxRequestHeaderBytes, o.MaxRequestHeaderCount, o.MaxRequestBodyBytes);
}
