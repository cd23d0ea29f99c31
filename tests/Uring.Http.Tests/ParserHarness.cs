using System;
using System.Collections.Generic;
using System.Text;
using Uring.Http1;

namespace Uring.Http.Tests;

/// <summary>
/// Drives <see cref="Http1RequestParser"/> the way a connection does: bytes arrive in pieces, the
/// head accumulates from its first byte, and the parser is called again after each piece. The
/// outcome is rendered as text so different feedings can be compared exactly.
/// </summary>
internal static unsafe class ParserHarness
{
    public static readonly Http1Limits Limits = new(8192, 32768, 100, 1024 * 1024);

    public static string Whole(string raw, Http1Limits? limits = null) => Run(Encoding.Latin1.GetBytes(raw), Array.Empty<int>(), limits ?? Limits);

    /// <summary>Feeds <paramref name="raw"/> cut at the given offsets (ascending).</summary>
    public static string Run(byte[] raw, IReadOnlyList<int> cuts, Http1Limits limits)
    {
        var context = new HttpContext();
        var parser = new Http1RequestParser();
        parser.Reset();
        byte[] head = GC.AllocateArray<byte>(Math.Max(1, raw.Length), pinned: true);
        int have = 0;
        ParseStatus status = ParseStatus.Incomplete;
        for (int i = 0; i <= cuts.Count && status == ParseStatus.Incomplete; i++)
        {
            int upTo = i < cuts.Count ? cuts[i] : raw.Length;
            if (upTo <= have) continue;
            Array.Copy(raw, have, head, have, upTo - have);
            have = upTo;
            status = parser.Parse(head.AsSpan(0, have), context.Request, limits);
        }
        if (status == ParseStatus.Error) return $"ERR {parser.Rejection}";
        if (status == ParseStatus.Incomplete) return "INCOMPLETE";
        fixed (byte* p = head)
        {
            context.Request.SetHead(p, parser.HeadLength);
            return Describe(context.Request, parser);
        }
    }

    public static string Describe(HttpRequest r, in Http1RequestParser parser)
    {
        var sb = new StringBuilder();
        sb.Append("OK len=").Append(parser.HeadLength)
            .Append(" method=").Append(r.Method).Append('/').Append(Text(r.MethodName))
            .Append(" target=").Append(Text(r.Target))
            .Append(" path=").Append(Text(r.Path))
            .Append(" query=").Append(Text(r.Query))
            .Append(" authority=").Append(Text(r.Authority))
            .Append(" version=").Append(r.Protocol)
            .Append(" cl=").Append(r.ContentLength?.ToString() ?? "null")
            .Append(" body=").Append(r.HasBody)
            .Append(" chunked=").Append(parser.Info.Chunked)
            .Append(" keepalive=").Append(parser.Info.KeepAlive)
            .Append(" expect=").Append(parser.Info.ExpectContinue)
            .Append(" headers=");
        foreach (HeaderField f in r.Headers) sb.Append('[').Append(f.Known).Append('|').Append(Text(f.Name)).Append('|').Append(Text(f.Value)).Append(']');
        return sb.ToString();
    }

    public static string Text(ReadOnlySpan<byte> s) => Encoding.Latin1.GetString(s);
}
