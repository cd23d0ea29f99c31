using System;

namespace Uring.Http;

/// <summary>Percent-decoding of URI components (RFC 3986 §2.1).</summary>
public static class PercentEncoding
{
    /// <summary>True when every '%' in <paramref name="s"/> is followed by two hex digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> s)
    {
        int i = s.IndexOf((byte)'%');
        while (i >= 0)
        {
            if (i + 2 >= s.Length || HexValue(s[i + 1]) < 0 || HexValue(s[i + 2]) < 0) return false;
            int next = s.Slice(i + 3).IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 3 + next;
        }
        return true;
    }

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/> (at least as long);
    /// returns the decoded length, or -1 for a malformed escape.</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = 0;
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            if (b == '%')
            {
                if (i + 2 >= source.Length) return -1;
                int hi = HexValue(source[i + 1]), lo = HexValue(source[i + 2]);
                if (hi < 0 || lo < 0) return -1;
                b = (byte)(hi << 4 | lo);
                i += 2;
            }
            destination[n++] = b;
        }
        return n;
    }

    internal static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
