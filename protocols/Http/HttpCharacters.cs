using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Uring.Http;

/// <summary>
/// The character classes of RFC 9110/9112, checked in bulk: 64, 32 or 16 bytes per step with
/// Vector512/256/128 as the hardware allows (the last step overlaps the previous one instead of
/// falling back to a scalar tail), a table for inputs shorter than one vector.
/// </summary>
public static class HttpCharacters
{
    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    // (RFC 9110 §5.6.2). SearchValues vectorises with a 128-bit bitmap lookup.
    private static readonly SearchValues<byte> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // Bit 0: tchar. Bit 1: field-value byte (VCHAR / obs-text / SP / HTAB, RFC 9110 §5.5).
    // Bit 2: request-target byte (visible ASCII except '#', RFC 9112 §3.2 / RFC 3986).
    private static ReadOnlySpan<byte> Classes => new byte[256]
    {
        0,0,0,0,0,0,0,0,0,2,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
        2,7,6,3,7,7,7,7,6,6,7,7,6,7,7,6, 7,7,7,7,7,7,7,7,7,7,6,6,6,6,6,6,
        6,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7, 7,7,7,7,7,7,7,7,7,7,7,6,6,6,7,7,
        7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7, 7,7,7,7,7,7,7,7,7,7,7,6,7,6,7,0,
        2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
        2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
        2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
        2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    };

    private const byte TokenBit = 1, FieldValueBit = 2, TargetBit = 4;

    public static bool IsTokenChar(byte b) => (Classes[b] & TokenBit) != 0;

    public static bool IsFieldValueChar(byte b) => (Classes[b] & FieldValueBit) != 0;

    /// <summary>True when <paramref name="s"/> is a non-empty token (method, field name, coding name).</summary>
    public static bool IsToken(ReadOnlySpan<byte> s) => !s.IsEmpty && IndexOfNonToken(s) < 0;

    /// <summary>Index of the first byte that is not a tchar, or -1.</summary>
    public static int IndexOfNonToken(ReadOnlySpan<byte> s)
    {
        // Field names are short: below one vector a table walk beats the vector set-up.
        if (s.Length < Vector128<byte>.Count) return ScalarIndexOf(s, TokenBit);
        return s.IndexOfAnyExcept(s_tokenChars);
    }

    /// <summary>Index of the first byte not allowed in a field value (a CTL other than HTAB, or DEL), or -1.
    /// CR, LF and NUL are all CTLs, so a bare CR or an embedded NUL is found here.</summary>
    public static int IndexOfInvalidFieldValue(ReadOnlySpan<byte> s)
    {
        ref byte start = ref MemoryMarshal.GetReference(s);
        int length = s.Length;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<byte>.Count)
        {
            int last = length - Vector512<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector512<byte>.Count, last))
            {
                ulong bad = InvalidFieldValue(Vector512.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            int last = length - Vector256<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector256<byte>.Count, last))
            {
                uint bad = InvalidFieldValue(Vector256.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            int last = length - Vector128<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                uint bad = InvalidFieldValue(Vector128.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        return ScalarIndexOf(s, FieldValueBit);
    }

    /// <summary>Index of the first byte not allowed in a request-target (outside 0x21..0x7E, or '#'), or -1.</summary>
    public static int IndexOfInvalidTarget(ReadOnlySpan<byte> s)
    {
        ref byte start = ref MemoryMarshal.GetReference(s);
        int length = s.Length;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<byte>.Count)
        {
            int last = length - Vector512<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector512<byte>.Count, last))
            {
                ulong bad = InvalidTarget(Vector512.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            int last = length - Vector256<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector256<byte>.Count, last))
            {
                uint bad = InvalidTarget(Vector256.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            int last = length - Vector128<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                uint bad = InvalidTarget(Vector128.LoadUnsafe(ref start, (nuint)i)).ExtractMostSignificantBits();
                if (bad != 0) return i + BitOperations.TrailingZeroCount(bad);
                if (i == last) return -1;
            }
        }
        return ScalarIndexOf(s, TargetBit);
    }

    // invalid = (b < 0x20 && b != HTAB) || b == DEL; byte lanes compare unsigned, so obs-text passes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> InvalidFieldValue(Vector512<byte> v) =>
        Vector512.AndNot(Vector512.LessThan(v, Vector512.Create((byte)0x20)), Vector512.Equals(v, Vector512.Create((byte)'\t')))
        | Vector512.Equals(v, Vector512.Create((byte)0x7F));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> InvalidFieldValue(Vector256<byte> v) =>
        Vector256.AndNot(Vector256.LessThan(v, Vector256.Create((byte)0x20)), Vector256.Equals(v, Vector256.Create((byte)'\t')))
        | Vector256.Equals(v, Vector256.Create((byte)0x7F));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> InvalidFieldValue(Vector128<byte> v) =>
        Vector128.AndNot(Vector128.LessThan(v, Vector128.Create((byte)0x20)), Vector128.Equals(v, Vector128.Create((byte)'\t')))
        | Vector128.Equals(v, Vector128.Create((byte)0x7F));

    // invalid = (b - 0x21) > 0x5D (outside 0x21..0x7E, unsigned wrap-around) || b == '#'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> InvalidTarget(Vector512<byte> v) =>
        Vector512.GreaterThan(v - Vector512.Create((byte)0x21), Vector512.Create((byte)0x5D))
        | Vector512.Equals(v, Vector512.Create((byte)'#'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> InvalidTarget(Vector256<byte> v) =>
        Vector256.GreaterThan(v - Vector256.Create((byte)0x21), Vector256.Create((byte)0x5D))
        | Vector256.Equals(v, Vector256.Create((byte)'#'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> InvalidTarget(Vector128<byte> v) =>
        Vector128.GreaterThan(v - Vector128.Create((byte)0x21), Vector128.Create((byte)0x5D))
        | Vector128.Equals(v, Vector128.Create((byte)'#'));

    private static int ScalarIndexOf(ReadOnlySpan<byte> s, byte classBit)
    {
        ReadOnlySpan<byte> classes = Classes;
        for (int i = 0; i < s.Length; i++)
            if ((classes[s[i]] & classBit) == 0) return i;
        return -1;
    }
}
