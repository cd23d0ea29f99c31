using System;

namespace Uring.Http;

/// <summary>
/// The request methods of RFC 9110 §9 plus PATCH (RFC 5789). Any other method is
/// <see cref="Custom"/>; its name is in <see cref="HttpRequest.MethodName"/>.
/// </summary>
public enum RequestMethod : byte
{
    Custom = 0,
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,
}

/// <summary>Method names, pre-encoded.</summary>
public static class RequestMethods
{
    /// <summary>Number of <see cref="RequestMethod"/> values, <see cref="RequestMethod.Custom"/> included.</summary>
    public const int Count = 10;

    /// <summary>The method's name as sent on the wire (methods are case-sensitive, RFC 9110 §9.1).</summary>
    public static ReadOnlySpan<byte> Name(RequestMethod method) => method switch
    {
        RequestMethod.Get => "GET"u8,
        RequestMethod.Head => "HEAD"u8,
        RequestMethod.Post => "POST"u8,
        RequestMethod.Put => "PUT"u8,
        RequestMethod.Delete => "DELETE"u8,
        RequestMethod.Connect => "CONNECT"u8,
        RequestMethod.Options => "OPTIONS"u8,
        RequestMethod.Trace => "TRACE"u8,
        RequestMethod.Patch => "PATCH"u8,
        _ => default,
    };

    /// <summary>The well-known method named exactly <paramref name="name"/>, or <see cref="RequestMethod.Custom"/>.</summary>
    public static RequestMethod Parse(ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 3:
                if (name.SequenceEqual("GET"u8)) return RequestMethod.Get;
                if (name.SequenceEqual("PUT"u8)) return RequestMethod.Put;
                break;
            case 4:
                if (name.SequenceEqual("POST"u8)) return RequestMethod.Post;
                if (name.SequenceEqual("HEAD"u8)) return RequestMethod.Head;
                break;
            case 5:
                if (name.SequenceEqual("PATCH"u8)) return RequestMethod.Patch;
                if (name.SequenceEqual("TRACE"u8)) return RequestMethod.Trace;
                break;
            case 6:
                if (name.SequenceEqual("DELETE"u8)) return RequestMethod.Delete;
                break;
            case 7:
                if (name.SequenceEqual("OPTIONS"u8)) return RequestMethod.Options;
                if (name.SequenceEqual("CONNECT"u8)) return RequestMethod.Connect;
                break;
        }
        return RequestMethod.Custom;
    }
}
