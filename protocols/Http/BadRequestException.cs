using System;
using System.IO;

namespace Uring.Http;

/// <summary>
/// The client sent something that cannot be served (a malformed or truncated body, a body over the
/// limit, a read timeout). <see cref="StatusCode"/> is the response it calls for; the connection
/// (or stream) is closed after it.
/// </summary>
public sealed class BadRequestException : IOException
{
    public BadRequestException(int statusCode, string message) : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }
}
