using System;
using System.Text;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), one SP each, no
/// auto-correction. The target's four forms (§3.2): origin-form, absolute-form, authority-form
/// (CONNECT only) and asterisk-form (OPTIONS only).
/// </summary>
internal static class RequestLineParser
{
    /// <summary>Parses <paramref name="line"/> (without CRLF) found at <paramref name="offset"/> of the head.</summary>
    public static RequestRejection Parse(ReadOnlySpan<byte> line, int offset, HttpRequest request, ref Http1RequestInfo info)
    {
        RequestMethod method = KnownMethod(line, out int methodLength);
        if (method == RequestMethod.Custom)
        {
            methodLength = line.IndexOf((byte)' ');
            if (methodLength <= 0) return RequestRejection.InvalidRequestLine;
            if (HttpCharacters.IndexOfNonToken(line.Slice(0, methodLength)) >= 0) return RequestRejection.InvalidMethod;
        }

        int lastSpace = line.LastIndexOf((byte)' ');
        if (lastSpace <= methodLength) return RequestRejection.InvalidRequestLine;
        RequestRejection version = ParseVersion(line.Slice(lastSpace + 1), ref info);
        if (version != RequestRejection.None) return version;

        int targetStart = methodLength + 1;
        ReadOnlySpan<byte> target = line.Slice(targetStart, lastSpace - targetStart);
        // An empty target means two spaces in a row; a space inside the target shows up as an invalid byte.
        if (target.IsEmpty || !HttpScan.IsValidTarget(line, targetStart, target.Length)) return RequestRejection.InvalidTarget;

        int t = offset + targetStart;
        var methodRange = new ByteRange(offset, methodLength);
        var targetRange = new ByteRange(t, target.Length);
        if (target[0] == '/')
        {
            int q = target.IndexOf((byte)'?');
            ReadOnlySpan<byte> path = q < 0 ? target : target.Slice(0, q);
            // Paths are compared and decoded later; a malformed escape would mean different things to different readers.
            if (!PercentEncoding.IsValid(path)) return RequestRejection.InvalidTarget;
            request.SetRequestLine(method, methodRange, targetRange, new ByteRange(t, path.Length), false,
                q < 0 ? default : new ByteRange(t + q + 1, target.Length - q - 1));
            return RequestRejection.None;
        }
        if (target.Length == 1 && target[0] == '*')
        {
            if (method != RequestMethod.Options) return RequestRejection.AsteriskFormWithoutOptions;
            request.SetRequestLine(method, methodRange, targetRange, targetRange, false, default);
            return RequestRejection.None;
        }
        if (method == RequestMethod.Connect)
        {
            // authority-form = uri-host ":" port (RFC 9112 §3.2.3)
            int colon = target.LastIndexOf((byte)':');
            if (colon <= 0 || colon == target.Length - 1 || !HostValidator.IsValid(target)) return RequestRejection.InvalidTarget;
            request.SetRequestLine(method, methodRange, targetRange, new ByteRange(t, 0), false, default);
            request.SetAuthority(targetRange);
            info.AbsoluteForm = true;
            return RequestRejection.None;
        }
        return ParseAbsoluteForm(target, t, method, methodRange, targetRange, request, ref info);
    }

    // absolute-form = absolute-URI (RFC 9112 §3.2.2), for http and https only.
    private static RequestRejection ParseAbsoluteForm(ReadOnlySpan<byte> target, int t, RequestMethod method, ByteRange methodRange,
        ByteRange targetRange, HttpRequest request, ref Http1RequestInfo info)
    {
        int schemeLength;
        if (target.Length > 7 && Ascii.EqualsIgnoreCase(target.Slice(0, 7), "http://"u8)) schemeLength = 7;
        else if (target.Length > 8 && Ascii.EqualsIgnoreCase(target.Slice(0, 8), "https://"u8)) schemeLength = 8;
        else return RequestRejection.InvalidTarget;

        ReadOnlySpan<byte> rest = target.Slice(schemeLength);
        int end = rest.IndexOfAny((byte)'/', (byte)'?');
        ReadOnlySpan<byte> authority = end < 0 ? rest : rest.Slice(0, end);
        // userinfo is deprecated and a phishing vector (RFC 9110 §4.2.4); an empty host is invalid for http(s).
        if (authority.IsEmpty || authority.IndexOf((byte)'@') >= 0 || !HostValidator.IsValid(authority)) return RequestRejection.InvalidTarget;
        int a = t + schemeLength;
        request.SetAuthority(new ByteRange(a, authority.Length));
        info.AbsoluteForm = true;

        ReadOnlySpan<byte> pathAndQuery = end < 0 ? default : rest.Slice(end);
        int p = a + authority.Length;
        int q = pathAndQuery.IndexOf((byte)'?');
        ReadOnlySpan<byte> path = q < 0 ? pathAndQuery : pathAndQuery.Slice(0, q);
        if (!PercentEncoding.IsValid(path)) return RequestRejection.InvalidTarget;
        // "http://host" and "http://host?x" have the empty path, which means "/" (RFC 9110 §4.2.1).
        request.SetRequestLine(method, methodRange, targetRange, new ByteRange(p, path.Length), path.IsEmpty,
            q < 0 ? default : new ByteRange(p + q + 1, pathAndQuery.Length - q - 1));
        return RequestRejection.None;
    }

    // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). A higher 1.x minor is served as 1.1
    // (RFC 9110 §6.2); any other major gets 505.
    private static RequestRejection ParseVersion(ReadOnlySpan<byte> v, ref Http1RequestInfo info)
    {
        if (v.Length != 8 || !v.StartsWith("HTTP/"u8) || v[6] != '.' || !char.IsAsciiDigit((char)v[5]) || !char.IsAsciiDigit((char)v[7]))
            return RequestRejection.InvalidVersion;
        if (v[5] != '1') return RequestRejection.UnsupportedVersion;
        info.Version = v[7] == '0' ? HttpProtocolVersion.Http10 : HttpProtocolVersion.Http11;
        return RequestRejection.None;
    }

    /// <summary>Recognises the common methods by their first bytes, "GET " included, without a search.</summary>
    private static RequestMethod KnownMethod(ReadOnlySpan<byte> line, out int length)
    {
        if (line.Length > 8)
        {
            switch (line[0])
            {
                case (byte)'G' when line.StartsWith("GET "u8): length = 3; return RequestMethod.Get;
                case (byte)'P' when line.StartsWith("POST "u8): length = 4; return RequestMethod.Post;
                case (byte)'P' when line.StartsWith("PUT "u8): length = 3; return RequestMethod.Put;
                case (byte)'P' when line.StartsWith("PATCH "u8): length = 5; return RequestMethod.Patch;
                case (byte)'H' when line.StartsWith("HEAD "u8): length = 4; return RequestMethod.Head;
                case (byte)'D' when line.StartsWith("DELETE "u8): length = 6; return RequestMethod.Delete;
                case (byte)'O' when line.StartsWith("OPTIONS "u8): length = 7; return RequestMethod.Options;
                case (byte)'C' when line.StartsWith("CONNECT "u8): length = 7; return RequestMethod.Connect;
                case (byte)'T' when line.StartsWith("TRACE "u8): length = 5; return RequestMethod.Trace;
            }
        }
        length = 0;
        return RequestMethod.Custom;
    }
}
