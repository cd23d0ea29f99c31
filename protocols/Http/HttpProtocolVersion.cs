namespace Uring.Http;

/// <summary>The protocol that carried a request. Handlers rarely need it; the core never branches on it.</summary>
public enum HttpProtocolVersion : byte
{
    Http10,
    Http11,
    Http2,
}
