using System;

namespace Uring.Http1;

/// <summary>
/// Host = uri-host [ ":" port ] (RFC 9110 §7.2), uri-host = IP-literal / IPv4address / reg-name
/// (RFC 3986 §3.2.2). A request with an invalid Host must get 400 (RFC 9112 §3.2).
/// </summary>
internal static class HostValidator
{
    public static bool IsValid(ReadOnlySpan<byte> host)
    {
        if (host.IsEmpty) return true; // allowed when the target has no authority (RFC 9112 §3.2)
        ReadOnlySpan<byte> rest;
        if (host[0] == '[')
        {
            int close = host.IndexOf((byte)']');
            if (close < 2) return false;
            foreach (byte b in host.Slice(1, close - 1))
                if (!(char.IsAsciiHexDigit((char)b) || b == ':' || b == '.')) return false;
            rest = host.Slice(close + 1);
        }
        else
        {
            int colon = host.IndexOf((byte)':');
            ReadOnlySpan<byte> name = colon < 0 ? host : host.Slice(0, colon);
            if (name.IsEmpty) return false;
            foreach (byte b in name)
                if (!IsRegNameChar(b)) return false;
            rest = colon < 0 ? default : host.Slice(colon);
        }
        if (rest.IsEmpty) return true;
        if (rest[0] != ':' || rest.Length > 6) return false;
        foreach (byte b in rest.Slice(1))
            if (!char.IsAsciiDigit((char)b)) return false;
        return true;
    }

    // unreserved / pct-encoded / sub-delims: ALPHA DIGIT - . _ ~ % ! $ & ' ( ) * + , ; =
    private static ReadOnlySpan<byte> RegName => new byte[128]
    {
        0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        0,1,0,0,1,1,1,1,1,1,1,1,1,1,1,0, 1,1,1,1,1,1,1,1,1,1,0,1,0,1,0,0,
        0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,1,
        0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,1,0,
    };

    private static bool IsRegNameChar(byte b) => b < 128 && RegName[b] != 0;
}
