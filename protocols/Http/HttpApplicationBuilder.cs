using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// Collects middleware and routes at start-up and builds the pipeline once: per request the chain
/// is a fixed sequence of delegate calls, allocating nothing.
/// </summary>
public sealed class HttpApplicationBuilder
{
    private readonly List<Func<RequestDelegate, RequestDelegate>> _middleware = new();
    private bool _built;

    public Router Router { get; } = new();

    /// <summary>Adds middleware: given the next step of the pipeline, returns this step.</summary>
    public HttpApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ThrowIfBuilt();
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Adds middleware written as (context, next) => ...; the closure binding it is made once, here.</summary>
    public HttpApplicationBuilder Use(Func<HttpContext, RequestDelegate, ValueTask> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return Use(next => context => middleware(context, next));
    }

    public HttpApplicationBuilder Map(RequestMethod method, string template, RequestDelegate handler)
    {
        ThrowIfBuilt();
        Router.Map(method, template, handler);
        return this;
    }

    public HttpApplicationBuilder Map(RequestMethod method, string template, RequestHandler handler) =>
        Map(method, template, Wrap(handler));

    public HttpApplicationBuilder Map(string method, string template, RequestDelegate handler)
    {
        ThrowIfBuilt();
        Router.Map(method, template, handler);
        return this;
    }

    public HttpApplicationBuilder Map(string method, string template, RequestHandler handler) =>
        Map(method, template, Wrap(handler));

    public HttpApplicationBuilder MapGet(string template, RequestHandler handler) => Map(RequestMethod.Get, template, handler);
    public HttpApplicationBuilder MapGet(string template, RequestDelegate handler) => Map(RequestMethod.Get, template, handler);
    public HttpApplicationBuilder MapPost(string template, RequestHandler handler) => Map(RequestMethod.Post, template, handler);
    public HttpApplicationBuilder MapPost(string template, RequestDelegate handler) => Map(RequestMethod.Post, template, handler);
    public HttpApplicationBuilder MapPut(string template, RequestHandler handler) => Map(RequestMethod.Put, template, handler);
    public HttpApplicationBuilder MapPut(string template, RequestDelegate handler) => Map(RequestMethod.Put, template, handler);
    public HttpApplicationBuilder MapDelete(string template, RequestHandler handler) => Map(RequestMethod.Delete, template, handler);
    public HttpApplicationBuilder MapDelete(string template, RequestDelegate handler) => Map(RequestMethod.Delete, template, handler);
    public HttpApplicationBuilder MapPatch(string template, RequestHandler handler) => Map(RequestMethod.Patch, template, handler);
    public HttpApplicationBuilder MapPatch(string template, RequestDelegate handler) => Map(RequestMethod.Patch, template, handler);

    /// <summary>Freezes the routes and composes the middleware around the router, first added outermost.</summary>
    public HttpApplication Build()
    {
        ThrowIfBuilt();
        _built = true;
        Router.Freeze();
        RequestDelegate pipeline = Router.Dispatch;
        for (int i = _middleware.Count - 1; i >= 0; i--)
            pipeline = _middleware[i](pipeline) ?? throw new InvalidOperationException("Middleware returned no delegate.");
        return new HttpApplication(pipeline, Router);
    }

    private static RequestDelegate Wrap(RequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return context =>
        {
            handler(context);
            return default;
        };
    }

    private void ThrowIfBuilt()
    {
        if (_built) throw new InvalidOperationException("The application was already built.");
    }
}
