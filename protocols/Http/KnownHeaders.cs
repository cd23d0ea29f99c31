using System;
using System.Text;

namespace Uring.Http;

/// <summary>
/// Names of the <see cref="KnownHeader"/>s, pre-encoded, and their case-insensitive recognition
/// (field names are case-insensitive, RFC 9110 §5.1) without allocating.
/// </summary>
public static class KnownHeaders
{
    private const int MaxLength = 32;

    private static readonly byte[][] s_names = BuildNames();
    private static readonly byte[][] s_lower = BuildLower();
    private static readonly KnownHeader[][] s_buckets = BuildBuckets();

    /// <summary>The canonical spelling ("Content-Length"); empty for <see cref="KnownHeader.None"/>.</summary>
    public static ReadOnlySpan<byte> Name(KnownHeader header) => s_names[(int)header];

    /// <summary>The lower-case spelling ("content-length"), as HTTP/2 sends it.</summary>
    public static ReadOnlySpan<byte> LowerCaseName(KnownHeader header) => s_lower[(int)header];

    /// <summary>The known header named <paramref name="name"/> in any letter case, or <see cref="KnownHeader.None"/>.</summary>
    public static KnownHeader Lookup(ReadOnlySpan<byte> name) =>
        HttpCharacters.IsToken(name) ? LookupToken(name) : KnownHeader.None;

    /// <summary>
    /// <see cref="Lookup"/> for a name already validated as a token (the parser's case): one bucket
    /// by length and first letter, usually holding one candidate, compared a word at a time.
    /// </summary>
    internal static KnownHeader LookupToken(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxLength || name.IsEmpty) return KnownHeader.None;
        KnownHeader[] bucket = s_buckets[BucketOf(name.Length, name[0])];
        foreach (KnownHeader h in bucket)
            if (HttpScan.EqualsLower(name, s_lower[(int)h])) return h;
        return KnownHeader.None;
    }

    // Letters fold to lower case with | 0x20; the low five bits then tell them apart.
    private static int BucketOf(int length, byte first) => length << 5 | (first | 0x20) & 0x1F;

    private static byte[][] BuildNames()
    {
        var names = new string[]
        {
            "", "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges",
            "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
            "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Access-Control-Max-Age",
            "Access-Control-Request-Headers", "Access-Control-Request-Method", "Age", "Allow", "Alt-Svc",
            "Authorization", "Cache-Control", "Connection", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Content-Length", "Content-Location", "Content-Range", "Content-Security-Policy",
            "Content-Type", "Cookie", "Date", "DNT", "ETag", "Expect", "Expires", "Forwarded", "From", "Host",
            "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Keep-Alive",
            "Last-Modified", "Link", "Location", "Max-Forwards", "Origin", "Pragma", "Priority",
            "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Range", "Referer", "Retry-After",
            "Sec-CH-UA", "Sec-CH-UA-Mobile", "Sec-CH-UA-Platform", "Sec-Fetch-Dest", "Sec-Fetch-Mode",
            "Sec-Fetch-Site", "Sec-Fetch-User", "Sec-WebSocket-Accept", "Sec-WebSocket-Extensions",
            "Sec-WebSocket-Key", "Sec-WebSocket-Protocol", "Sec-WebSocket-Version", "Server", "Set-Cookie",
            "Strict-Transport-Security", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
            "Upgrade-Insecure-Requests", "User-Agent", "Vary", "Via", "WWW-Authenticate", "X-Content-Type-Options",
            "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Frame-Options", "X-Requested-With",
        };
        if (names.Length != (int)KnownHeader.XRequestedWith + 1) throw new InvalidOperationException("KnownHeader names out of sync.");
        var bytes = new byte[names.Length][];
        for (int i = 0; i < names.Length; i++) bytes[i] = Encoding.ASCII.GetBytes(names[i]);
        return bytes;
    }

    private static byte[][] BuildLower()
    {
        var lower = new byte[s_names.Length][];
        for (int i = 0; i < lower.Length; i++)
        {
            lower[i] = (byte[])s_names[i].Clone();
            Ascii.ToLowerInPlace(lower[i], out _);
        }
        return lower;
    }

    private static KnownHeader[][] BuildBuckets()
    {
        var lists = new System.Collections.Generic.List<KnownHeader>?[(MaxLength + 1) << 5];
        for (int i = 1; i < s_names.Length; i++)
        {
            byte[] n = s_names[i];
            if (n.Length > MaxLength) throw new InvalidOperationException($"Known header {Encoding.ASCII.GetString(n)} is longer than {MaxLength}.");
            (lists[BucketOf(n.Length, n[0])] ??= new()).Add((KnownHeader)i);
        }
        var buckets = new KnownHeader[lists.Length][];
        for (int i = 0; i < lists.Length; i++) buckets[i] = lists[i]?.ToArray() ?? Array.Empty<KnownHeader>();
        return buckets;
    }
}
