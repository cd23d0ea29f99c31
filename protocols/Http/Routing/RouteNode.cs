using System;
using System.Collections.Generic;

namespace Uring.Http.Routing;

/// <summary>One level of the route trie: a path segment and what may follow it.</summary>
internal sealed class RouteNode
{
    private RouteNode[] _literals = Array.Empty<RouteNode>();

    public RouteNode(byte[] literal) => Literal = literal;

    /// <summary>The segment this node matches when it is a literal child.</summary>
    public byte[] Literal { get; }

    public ReadOnlySpan<RouteNode> Literals => _literals;

    /// <summary>The child matching any one non-empty segment (<c>{name}</c>).</summary>
    public RouteNode? Parameter { get; private set; }

    /// <summary>The child matching the rest of the path (<c>{*name}</c>).</summary>
    public RouteNode? CatchAll { get; private set; }

    /// <summary>Handlers of routes ending here.</summary>
    public RouteEndpoint? Endpoint { get; private set; }

    public RouteEndpoint GetOrAddEndpoint() => Endpoint ??= new RouteEndpoint();

    public RouteNode GetOrAddLiteral(byte[] segment)
    {
        foreach (RouteNode n in _literals)
            if (n.Literal.AsSpan().SequenceEqual(segment)) return n;
        var node = new RouteNode(segment);
        Array.Resize(ref _literals, _literals.Length + 1);
        _literals[^1] = node;
        return node;
    }

    public RouteNode GetOrAddParameter() => Parameter ??= new RouteNode(Array.Empty<byte>());

    public RouteNode GetOrAddCatchAll() => CatchAll ??= new RouteNode(Array.Empty<byte>());

    /// <summary>Freezes every endpoint below (their Allow values) and collects every method served.</summary>
    public void Freeze(ICollection<string> allMethods)
    {
        if (Endpoint is not null)
        {
            Endpoint.Freeze();
            Endpoint.AddMethodNames(allMethods);
        }
        foreach (RouteNode n in _literals) n.Freeze(allMethods);
        Parameter?.Freeze(allMethods);
        CatchAll?.Freeze(allMethods);
    }
}
