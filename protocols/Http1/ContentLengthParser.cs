using System;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// Content-Length = 1*DIGIT (RFC 9110 §8.6): no sign, no hex, no whitespace inside, no overflow.
/// A list of identical values ("42, 42") is accepted as one value, as §8.6 permits; differing
/// values are a framing conflict, the heart of request smuggling.
/// </summary>
internal static class ContentLengthParser
{
    public static RequestRejection Parse(ReadOnlySpan<byte> value, ref long contentLength)
    {
        bool any = false;
        while (TokenList.TryNext(ref value, out ReadOnlySpan<byte> element))
        {
            if (!TryParseDigits(element, out long n)) return RequestRejection.InvalidContentLength;
            if (contentLength >= 0 && contentLength != n) return RequestRejection.ConflictingContentLength;
            contentLength = n;
            any = true;
        }
        return any ? RequestRejection.None : RequestRejection.InvalidContentLength;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19) return false; // 19 digits hold every long; more would overflow
        foreach (byte b in s)
        {
            uint d = (uint)(b - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return value >= 0; // 19 nines overflow into the sign
    }
}
