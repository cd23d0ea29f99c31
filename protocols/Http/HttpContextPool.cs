using System;
using System.Collections.Generic;

namespace Uring.Http;

/// <summary>
/// Contexts for the exchanges in flight on this thread (one pool per reactor thread). A context is
/// taken when a request head is complete or starts arriving, and returned when its response is
/// done, so idle connections hold none and the steady state allocates none.
/// </summary>
internal sealed class HttpContextPool
{
    private const int MaxKept = 1024;

    [ThreadStatic] private static HttpContextPool? t_pool;

    private readonly Stack<HttpContext> _free = new();

    public static HttpContextPool Current => t_pool ??= new HttpContextPool();

    public HttpContext Rent(IHttpTransport transport)
    {
        HttpContext context = _free.Count > 0 ? _free.Pop() : new HttpContext();
        context.Attach(transport);
        return context;
    }

    public void Return(HttpContext context)
    {
        context.Reset();
        if (_free.Count < MaxKept) _free.Push(context);
    }
}
