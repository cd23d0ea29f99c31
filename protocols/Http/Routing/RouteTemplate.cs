using System;
using System.Collections.Generic;
using System.Text;

namespace Uring.Http.Routing;

/// <summary>
/// A parsed route such as <c>/users/{id}/files/{*path}</c>: literal segments match exactly
/// (case-sensitive, still percent-encoded, as paths are compared in RFC 3986 §6.2.1), <c>{name}</c>
/// captures one non-empty segment, and a final <c>{*name}</c> captures the rest of the path.
/// </summary>
internal sealed class RouteTemplate
{
    public enum SegmentKind : byte
    {
        Literal,
        Parameter,
        CatchAll,
    }

    public readonly record struct Segment(SegmentKind Kind, byte[] Literal, string Name);

    public RouteTemplate(string text, IReadOnlyList<Segment> segments, string[] parameterNames)
    {
        Text = text;
        Segments = segments;
        ParameterNames = parameterNames;
    }

    public string Text { get; }

    public IReadOnlyList<Segment> Segments { get; }

    public string[] ParameterNames { get; }

    public static RouteTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != '/') throw new ArgumentException($"Route '{text}' must start with '/'.", nameof(text));
        var segments = new List<Segment>();
        var names = new List<string>();
        string[] parts = text.Substring(1).Split('/');
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part.StartsWith('{'))
            {
                if (!part.EndsWith('}') || part.Length < 3) throw new ArgumentException($"Route '{text}': malformed parameter '{part}'.", nameof(text));
                bool catchAll = part[1] == '*';
                string name = part.Substring(catchAll ? 2 : 1, part.Length - (catchAll ? 3 : 2));
                if (name.Length == 0 || name.AsSpan().IndexOfAny("{}*/") >= 0)
                    throw new ArgumentException($"Route '{text}': malformed parameter '{part}'.", nameof(text));
                if (names.Contains(name)) throw new ArgumentException($"Route '{text}': parameter '{name}' appears twice.", nameof(text));
                if (catchAll && i != parts.Length - 1) throw new ArgumentException($"Route '{text}': a catch-all must be the last segment.", nameof(text));
                names.Add(name);
                segments.Add(new Segment(catchAll ? SegmentKind.CatchAll : SegmentKind.Parameter, Array.Empty<byte>(), name));
            }
            else
            {
                if (part.AsSpan().IndexOfAny("{}") >= 0)
                    throw new ArgumentException($"Route '{text}': a segment is either literal or one parameter ('{part}').", nameof(text));
                byte[] literal = Encoding.UTF8.GetBytes(part);
                if (HttpCharacters.IndexOfInvalidTarget(literal) >= 0 || literal.AsSpan().IndexOfAny((byte)'?', (byte)'#') >= 0)
                    throw new ArgumentException($"Route '{text}': '{part}' holds characters a path cannot (percent-encode them).", nameof(text));
                segments.Add(new Segment(SegmentKind.Literal, literal, ""));
            }
        }
        return new RouteTemplate(text, segments, names.ToArray());
    }
}
