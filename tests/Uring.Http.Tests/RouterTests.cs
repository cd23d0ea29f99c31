using System;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>The router's matching, tested on contexts filled by hand (no sockets).</summary>
public unsafe class RouterTests
{
    private static HttpApplication App(Action<HttpApplicationBuilder> map)
    {
        var b = new HttpApplicationBuilder();
        map(b);
        return b.Build();
    }

    private sealed class Capture
    {
        public string? Route;
        public string Values = "";
    }

    private static RequestHandler Named(Capture c, string name) => ctx =>
    {
        c.Route = name;
        var sb = new StringBuilder();
        for (int i = 0; i < ctx.Request.RouteValues.Count; i++)
            sb.Append(ctx.Request.RouteValues.NameAt(i)).Append('=').Append(Encoding.UTF8.GetString(ctx.Request.RouteValues.ValueAt(i))).Append(';');
        c.Values = sb.ToString();
    };

    /// <summary>Routes (method, path) and returns "route values" or the status and Allow of an error.</summary>
    private static string Route(HttpApplication app, Capture c, string method, string path)
    {
        c.Route = null;
        byte[] head = GC.AllocateArray<byte>(method.Length + 1 + path.Length, pinned: true);
        Encoding.ASCII.GetBytes(method + " " + path, head);
        var context = new HttpContext();
        fixed (byte* p = head)
        {
            context.Request.SetHead(p, head.Length);
            context.Request.SetRequestLine(RequestMethods.Parse(Encoding.ASCII.GetBytes(method)), new ByteRange(0, method.Length),
                new ByteRange(method.Length + 1, path.Length), new ByteRange(method.Length + 1, path.Length), false, default);
            context.Attach(new NullTransport());
            ValueTask t = app.Pipeline(context);
            Assert.True(t.IsCompletedSuccessfully);
            if (c.Route is not null) return $"{c.Route} {c.Values}";
            context.Response.Headers.TryGetValue(KnownHeader.Allow, out ReadOnlySpan<byte> allow);
            return $"{context.Response.StatusCode} {Encoding.ASCII.GetString(allow)}";
        }
    }

    [Fact]
    public void Matches_literals_parameters_and_catch_alls_with_priority()
    {
        var c = new Capture();
        HttpApplication app = App(b =>
        {
            b.MapGet("/", Named(c, "root"));
            b.MapGet("/users", Named(c, "users"));
            b.MapGet("/users/{id}", Named(c, "user"));
            b.MapGet("/users/me", Named(c, "me"));
            b.MapGet("/users/{id}/posts/{post}", Named(c, "post"));
            b.MapPost("/users/new", Named(c, "create"));
            b.MapGet("/static/{*path}", Named(c, "static"));
            b.MapGet("/static/special/x", Named(c, "special"));
            b.Map("PROPFIND", "/dav/{*rest}", Named(c, "dav"));
        });
        Assert.Equal("root ", Route(app, c, "GET", "/"));
        Assert.Equal("users ", Route(app, c, "GET", "/users"));
        Assert.Equal("user id=42;", Route(app, c, "GET", "/users/42"));
        Assert.Equal("me ", Route(app, c, "GET", "/users/me"));
        Assert.Equal("post id=7;post=x%20y;", Route(app, c, "GET", "/users/7/posts/x%20y"));
        // The literal "new" serves POST only: GET falls back to the parameter route.
        Assert.Equal("user id=new;", Route(app, c, "GET", "/users/new"));
        Assert.Equal("create ", Route(app, c, "POST", "/users/new"));
        Assert.Equal("static path=a/b/c.css;", Route(app, c, "GET", "/static/a/b/c.css"));
        Assert.Equal("static path=;", Route(app, c, "GET", "/static/"));
        Assert.Equal("static path=;", Route(app, c, "GET", "/static"));
        Assert.Equal("special ", Route(app, c, "GET", "/static/special/x"));
        // Backtracking: the literal branch fails deeper, the catch-all takes it.
        Assert.Equal("static path=special/y;", Route(app, c, "GET", "/static/special/y"));
        Assert.Equal("dav rest=a/b;", Route(app, c, "PROPFIND", "/dav/a/b"));
        // HEAD is served by GET routes.
        Assert.Equal("user id=1;", Route(app, c, "HEAD", "/users/1"));
    }

    [Fact]
    public void Answers_404_and_405_with_allow()
    {
        var c = new Capture();
        HttpApplication app = App(b =>
        {
            b.MapGet("/a", Named(c, "a"));
            b.MapPut("/a", Named(c, "a-put"));
            b.MapPost("/b/{x}", Named(c, "b"));
        });
        Assert.Equal("404 ", Route(app, c, "GET", "/nope"));
        Assert.Equal("404 ", Route(app, c, "GET", "/users/"));
        Assert.Equal("404 ", Route(app, c, "GET", "/b/"));
        Assert.Equal("405 GET, HEAD, PUT", Route(app, c, "DELETE", "/a"));
        Assert.Equal("405 POST", Route(app, c, "GET", "/b/1"));
        Assert.Equal("405 GET, HEAD, PUT", Route(app, c, "PATCH", "/a"));
        Assert.Equal("200 GET, HEAD, OPTIONS, POST, PUT", Route(app, c, "OPTIONS", "*"));
    }

    [Fact]
    public void Answers_501_to_methods_no_route_serves_that_it_does_not_know()
    {
        var c = new Capture();
        HttpApplication app = App(b =>
        {
            b.MapGet("/a", Named(c, "a"));
            b.Map("PROPFIND", "/dav/{*rest}", Named(c, "dav"));
        });
        Assert.Equal("501 ", Route(app, c, "FOO", "/a"));
        Assert.Equal("501 ", Route(app, c, "get", "/a")); // methods are case-sensitive: "get" is not GET
        Assert.Equal("501 ", Route(app, c, "CONNECT", "example.com:443"));
        Assert.Equal("501 ", Route(app, c, "CONNECT", "/a"));
        // A custom method some route serves is known: elsewhere it gets 405 (or 404), like any other.
        Assert.Equal("dav rest=x;", Route(app, c, "PROPFIND", "/dav/x"));
        Assert.Equal("405 GET, HEAD", Route(app, c, "PROPFIND", "/a"));
        Assert.Equal("404 ", Route(app, c, "PROPFIND", "/nope"));
        // RFC 9110's own methods keep 404/405 semantics.
        Assert.Equal("405 GET, HEAD", Route(app, c, "DELETE", "/a"));
        Assert.Equal("404 ", Route(app, c, "TRACE", "/nope"));
    }

    [Fact]
    public void Rejects_bad_or_conflicting_templates_at_startup()
    {
        var b = new HttpApplicationBuilder();
        b.MapGet("/x/{id}", _ => { });
        Assert.Throws<ArgumentException>(() => b.MapGet("/x/{id}", _ => { }));
        Assert.Throws<ArgumentException>(() => b.MapGet("no-slash", _ => { }));
        Assert.Throws<ArgumentException>(() => b.MapGet("/{*a}/b", _ => { }));
        Assert.Throws<ArgumentException>(() => b.MapGet("/a{b}", _ => { }));
        Assert.Throws<ArgumentException>(() => b.MapGet("/{a}/{a}", _ => { }));
        Assert.Throws<ArgumentException>(() => b.MapGet("/sp ace", _ => { }));
        b.Build();
        Assert.Throws<InvalidOperationException>(() => b.MapGet("/late", _ => { }));
    }

    [Fact]
    public void Middleware_wraps_in_order_and_can_short_circuit()
    {
        var order = new StringBuilder();
        var c = new Capture();
        HttpApplication app = App(b =>
        {
            b.Use((ctx, next) =>
            {
                order.Append("1>");
                ValueTask t = next(ctx);
                order.Append("<1");
                return t;
            });
            b.Use(next => ctx =>
            {
                order.Append("2>");
                if (ctx.Request.Path.SequenceEqual("/blocked"u8))
                {
                    ctx.Response.StatusCode = 403;
                    return default;
                }
                return next(ctx);
            });
            b.MapGet("/ok", Named(c, "ok"));
        });
        Assert.Equal("ok ", Route(app, c, "GET", "/ok"));
        Assert.Equal("1>2><1", order.ToString());
        order.Clear();
        Assert.Equal("403 ", Route(app, c, "GET", "/blocked"));
        Assert.Null(c.Route);
    }

    /// <summary>Swallows output: routing tests only look at status and headers.</summary>
    private sealed class NullTransport : IHttpTransport
    {
        public void StartResponse(HttpResponse response, long contentLength) { }
        public void WriteBody(ReadOnlySpan<byte> data) { }
        public void WriteBody(StaticContent content) { }
        public ValueTask FlushAsync(System.Threading.CancellationToken cancellationToken) => default;
        public void EndResponse() { }
        public ValueTask<int> ReadBodyAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken) => new(0);
        public void Abort() { }
        public System.Net.IPEndPoint? RemoteEndPoint => null;
        public System.Net.IPEndPoint? LocalEndPoint => null;
    }
}
