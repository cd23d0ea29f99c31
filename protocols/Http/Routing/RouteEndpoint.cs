using System;
using System.Collections.Generic;
using System.Text;

namespace Uring.Http.Routing;

/// <summary>The handlers of one path shape, per method, and the <c>Allow</c> value for its 405s.</summary>
internal sealed class RouteEndpoint
{
    private readonly Route?[] _byMethod = new Route?[RequestMethods.Count];
    private List<(byte[] Method, Route Route)>? _custom;

    public sealed record Route(RequestDelegate Handler, string[] ParameterNames, string Template);

    /// <summary>Methods served here, comma-separated (RFC 9110 §10.2.1); computed when the router is frozen.</summary>
    public byte[] Allow { get; private set; } = Array.Empty<byte>();

    public void Add(RequestMethod method, ReadOnlySpan<byte> customName, Route route)
    {
        if (method != RequestMethod.Custom)
        {
            if (_byMethod[(int)method] is { } existing)
                throw new ArgumentException($"Route '{route.Template}' for {method} conflicts with '{existing.Template}'.");
            _byMethod[(int)method] = route;
            return;
        }
        _custom ??= new List<(byte[], Route)>();
        foreach (var (m, r) in _custom)
            if (m.AsSpan().SequenceEqual(customName)) throw new ArgumentException($"Route '{route.Template}' conflicts with '{r.Template}'.");
        _custom.Add((customName.ToArray(), route));
    }

    /// <summary>The route for the method; HEAD falls back to GET (RFC 9110 §9.3.2: HEAD is GET without content).</summary>
    public Route? Find(RequestMethod method, ReadOnlySpan<byte> methodName)
    {
        if (method != RequestMethod.Custom)
        {
            Route? r = _byMethod[(int)method];
            if (r is null && method == RequestMethod.Head) r = _byMethod[(int)RequestMethod.Get];
            return r;
        }
        if (_custom is null) return null;
        foreach (var (m, r) in _custom)
            if (m.AsSpan().SequenceEqual(methodName)) return r;
        return null;
    }

    public void AddMethodNames(ICollection<string> names)
    {
        for (int i = 1; i < _byMethod.Length; i++)
        {
            if (_byMethod[i] is null) continue;
            names.Add(Encoding.ASCII.GetString(RequestMethods.Name((RequestMethod)i)));
            if (i == (int)RequestMethod.Get) names.Add("HEAD");
        }
        if (_custom is not null)
            foreach (var (m, _) in _custom) names.Add(Encoding.ASCII.GetString(m));
    }

    public void Freeze()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        AddMethodNames(names);
        Allow = Encoding.ASCII.GetBytes(string.Join(", ", names));
    }
}
