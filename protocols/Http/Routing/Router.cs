using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Uring.Http.Routing;

namespace Uring.Http;

/// <summary>
/// Maps (method, path) to a handler through a trie of path segments. Literal segments win over
/// <c>{name}</c>, which wins over <c>{*name}</c>; a failed deeper match backtracks. A path that
/// matches no route gets 404; one that matches only for other methods gets 405 with <c>Allow</c>
/// (RFC 9110 §15.5.6); a method no route serves that is not one of RFC 9110's (or is CONNECT, whose
/// target is not a path) gets 501 (§15.6.2); <c>OPTIONS *</c> gets 200 with every method served. Built at start-up,
/// then frozen: matching allocates nothing.
/// </summary>
public sealed class Router
{
    /// <summary>At most this many parameters per route, so captures fit on the stack.</summary>
    public const int MaxParameters = 16;

    private readonly RouteNode _root = new(Array.Empty<byte>());
    private byte[] _allowAll = Array.Empty<byte>();
    private byte[][] _servedNames = Array.Empty<byte[]>(); // every method some route serves, for the 501 check
    private bool _frozen;

    public Router Map(RequestMethod method, string template, RequestDelegate handler)
    {
        if (method == RequestMethod.Custom) throw new ArgumentException("Name a custom method with the string overload.", nameof(method));
        return Add(method, default, template, handler);
    }

    /// <summary>Maps any method by name (case-sensitive, RFC 9110 §9.1), for example "PROPFIND".</summary>
    public Router Map(string method, string template, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        byte[] name = Encoding.ASCII.GetBytes(method);
        if (!HttpCharacters.IsToken(name)) throw new ArgumentException("A method is a token.", nameof(method));
        return Add(RequestMethods.Parse(name), name, template, handler);
    }

    private Router Add(RequestMethod method, ReadOnlySpan<byte> methodName, string template, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_frozen) throw new InvalidOperationException("Routes are fixed once the application is built.");
        RouteTemplate parsed = RouteTemplate.Parse(template);
        if (parsed.ParameterNames.Length > MaxParameters) throw new ArgumentException($"Route '{template}' has more than {MaxParameters} parameters.");
        RouteNode node = _root;
        foreach (RouteTemplate.Segment s in parsed.Segments)
        {
            node = s.Kind switch
            {
                RouteTemplate.SegmentKind.Literal => node.GetOrAddLiteral(s.Literal),
                RouteTemplate.SegmentKind.Parameter => node.GetOrAddParameter(),
                _ => node.GetOrAddCatchAll(),
            };
        }
        node.GetOrAddEndpoint().Add(method, methodName, new RouteEndpoint.Route(handler, parsed.ParameterNames, template));
        return this;
    }

    internal void Freeze()
    {
        if (_frozen) return;
        var all = new SortedSet<string>(StringComparer.Ordinal);
        _root.Freeze(all);
        var served = new List<byte[]>(all.Count);
        foreach (string name in all) served.Add(Encoding.ASCII.GetBytes(name));
        _servedNames = served.ToArray();
        all.Add("OPTIONS");
        _allowAll = Encoding.ASCII.GetBytes(string.Join(", ", all));
        _frozen = true;
    }

    /// <summary>The terminal handler of the pipeline: routes the request and runs the handler, or answers 404/405.</summary>
    public ValueTask Dispatch(HttpContext context)
    {
        HttpRequest request = context.Request;
        ReadOnlySpan<byte> path = request.Path;
        if (path.Length == 1 && path[0] == '*')
        {
            // OPTIONS * asks about the server as a whole (RFC 9110 §9.3.7); the parser allows "*" for OPTIONS only.
            context.Response.Headers.Set(KnownHeader.Allow, _allowAll);
            context.Response.ContentLength = 0;
            return default;
        }
        if ((request.Method == RequestMethod.Custom || request.Method == RequestMethod.Connect) && !Serves(request.MethodName))
        {
            // Unrecognised (or a tunnel we do not offer): "not implemented" by this server, whatever the path.
            context.Response.StatusCode = 501;
            return default;
        }
        RouteEndpoint.Route? route = Match(request, out RouteEndpoint? pathMatch);
        if (route is not null) return route.Handler(context);
        if (pathMatch is null)
        {
            context.Response.StatusCode = 404;
        }
        else
        {
            context.Response.StatusCode = 405;
            context.Response.Headers.Set(KnownHeader.Allow, pathMatch.Allow);
        }
        return default;
    }

    /// <summary>True when some route serves the method named <paramref name="name"/> (not the hot path: custom methods only).</summary>
    private bool Serves(ReadOnlySpan<byte> name)
    {
        foreach (byte[] served in _servedNames)
            if (name.SequenceEqual(served)) return true;
        return false;
    }

    /// <summary>
    /// The route serving this request, with its parameters stored in the request; or null, with
    /// <paramref name="pathMatch"/> the endpoint that matched the path for other methods (405) or null (404).
    /// </summary>
    internal RouteEndpoint.Route? Match(HttpRequest request, out RouteEndpoint? pathMatch)
    {
        pathMatch = null;
        ReadOnlySpan<byte> path = request.Path;
        request.ClearRouteValues();
        if (path.IsEmpty || path[0] != '/') return null;
        Span<int> captures = stackalloc int[MaxParameters * 2];
        RequestMethod method = request.Method;
        ReadOnlySpan<byte> methodName = request.MethodName;
        RouteEndpoint? endpoint = Find(_root, path, 1, captures, 0, method, methodName, anyMethod: false);
        if (endpoint is null)
        {
            pathMatch = Find(_root, path, 1, captures, 0, method, methodName, anyMethod: true);
            return null;
        }
        RouteEndpoint.Route route = endpoint.Find(method, methodName)!;
        string[] names = route.ParameterNames;
        for (int i = 0; i < names.Length; i++) request.SetRouteValue(i, names[i], captures[2 * i], captures[2 * i + 1]);
        return route;
    }

    /// <summary>Depth-first search from the segment starting at <paramref name="start"/>, recording captures as (offset, length).</summary>
    private static RouteEndpoint? Find(RouteNode node, ReadOnlySpan<byte> path, int start, Span<int> captures, int captured,
        RequestMethod method, ReadOnlySpan<byte> methodName, bool anyMethod)
    {
        int slash = path.Slice(start).IndexOf((byte)'/');
        int end = slash < 0 ? path.Length : start + slash;
        bool last = slash < 0;
        ReadOnlySpan<byte> segment = path.Slice(start, end - start);

        foreach (RouteNode child in node.Literals)
        {
            if (!segment.SequenceEqual(child.Literal)) continue;
            RouteEndpoint? found = Continue(child, path, end, last, captures, captured, method, methodName, anyMethod);
            if (found is not null) return found;
        }
        if (node.Parameter is { } parameter && !segment.IsEmpty)
        {
            captures[2 * captured] = start;
            captures[2 * captured + 1] = segment.Length;
            RouteEndpoint? found = Continue(parameter, path, end, last, captures, captured + 1, method, methodName, anyMethod);
            if (found is not null) return found;
        }
        if (node.CatchAll is { } catchAll && Serves(catchAll.Endpoint, method, methodName, anyMethod))
        {
            captures[2 * captured] = start;
            captures[2 * captured + 1] = path.Length - start;
            return catchAll.Endpoint;
        }
        return null;
    }

    private static RouteEndpoint? Continue(RouteNode child, ReadOnlySpan<byte> path, int end, bool last, Span<int> captures, int captured,
        RequestMethod method, ReadOnlySpan<byte> methodName, bool anyMethod)
    {
        if (!last) return Find(child, path, end + 1, captures, captured, method, methodName, anyMethod);
        if (Serves(child.Endpoint, method, methodName, anyMethod)) return child.Endpoint;
        // "/static" matches "/static/{*path}" with an empty rest.
        if (child.CatchAll is { } catchAll && Serves(catchAll.Endpoint, method, methodName, anyMethod))
        {
            captures[2 * captured] = path.Length;
            captures[2 * captured + 1] = 0;
            return catchAll.Endpoint;
        }
        return null;
    }

    private static bool Serves(RouteEndpoint? endpoint, RequestMethod method, ReadOnlySpan<byte> methodName, bool anyMethod) =>
        endpoint is not null && (anyMethod || endpoint.Find(method, methodName) is not null);
}
