using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Uring.Http;

/// <summary>
/// Vector scans over a field inside a larger buffer (a header line, a request line): a field
/// shorter than a vector is still checked with one load, taken inside the enclosing buffer and
/// masked to the field's lanes, instead of a byte-by-byte walk. Protocol parsers only.
/// </summary>
internal static class HttpScan
{
    // Row[lo] has bit hi set when the byte (hi << 4 | lo) is a tchar (RFC 9110 §5.6.2); bytes
    // from 0x80 up select a zero bit. Two byte shuffles classify 16 bytes at once.
    private static Vector128<byte> TokenRows => Vector128.Create(
        (byte)0xE8, 0xFC, 0xF8, 0xFC, 0xFC, 0xFC, 0xFC, 0xFC, 0xF8, 0xF8, 0xF4, 0x54, 0xD0, 0x54, 0xF4, 0x70);

    private static Vector128<byte> HighBits => Vector128.Create(
        (byte)0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Lanes that are not tchar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NonToken(Vector128<byte> v)
    {
        Vector128<byte> nibble = Vector128.Create((byte)0x0F);
        Vector128<byte> row = Vector128.ShuffleNative(TokenRows, v & nibble);
        Vector128<byte> bit = Vector128.ShuffleNative(HighBits, Vector128.ShiftRightLogical(v.AsUInt16(), 4).AsByte() & nibble);
        return Vector128.Equals(row & bit, Vector128<byte>.Zero);
    }

    /// <summary>
    /// The index of the first ':' of a field line, checking on the way that every byte before it is
    /// a tchar: -1 when there is no colon, -2 when a byte before the colon is not a tchar.
    /// </summary>
    public static int FindColonAfterToken(ReadOnlySpan<byte> line)
    {
        if (Vector128.IsHardwareAccelerated && line.Length >= Vector128<byte>.Count)
        {
            ref byte start = ref MemoryMarshal.GetReference(line);
            int last = line.Length - Vector128<byte>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<byte>.Count, last))
            {
                Vector128<byte> v = Vector128.LoadUnsafe(ref start, (nuint)i);
                uint colon = Vector128.Equals(v, Vector128.Create((byte)':')).ExtractMostSignificantBits();
                uint bad = NonToken(v).ExtractMostSignificantBits();
                // Lanes already seen by an overlapping final load held neither a colon nor a bad byte.
                if (colon != 0)
                {
                    int c = BitOperations.TrailingZeroCount(colon);
                    return (bad & ((1u << c) - 1)) != 0 ? -2 : i + c;
                }
                if (bad != 0) return -2;
                if (i == last) return -1;
            }
        }
        for (int i = 0; i < line.Length; i++)
        {
            byte b = line[i];
            if (b == ':') return i;
            if (!HttpCharacters.IsTokenChar(b)) return -2;
        }
        return -1;
    }

    /// <summary><see cref="HttpCharacters.IndexOfInvalidFieldValue"/> for <paramref name="length"/> bytes at
    /// <paramref name="start"/> of <paramref name="container"/>; true when they are all valid.</summary>
    public static bool IsValidFieldValue(ReadOnlySpan<byte> container, int start, int length)
    {
        int end = start + length;
        if (length < Vector128<byte>.Count && end >= Vector128<byte>.Count && Vector128.IsHardwareAccelerated)
        {
            // One load ending at the field's end; the lanes before the field are masked off.
            Vector128<byte> v = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(container), (nuint)(end - Vector128<byte>.Count));
            Vector128<byte> bad = Vector128.AndNot(Vector128.LessThan(v, Vector128.Create((byte)0x20)), Vector128.Equals(v, Vector128.Create((byte)'\t')))
                | Vector128.Equals(v, Vector128.Create((byte)0x7F));
            return (bad.ExtractMostSignificantBits() >> (Vector128<byte>.Count - length)) == 0;
        }
        return HttpCharacters.IndexOfInvalidFieldValue(container.Slice(start, length)) < 0;
    }

    /// <summary>Like <see cref="IsValidFieldValue"/>, for request-target bytes (<see cref="HttpCharacters.IndexOfInvalidTarget"/>).</summary>
    public static bool IsValidTarget(ReadOnlySpan<byte> container, int start, int length)
    {
        int end = start + length;
        if (length < Vector128<byte>.Count && end >= Vector128<byte>.Count && Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> v = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(container), (nuint)(end - Vector128<byte>.Count));
            Vector128<byte> bad = Vector128.GreaterThan(v - Vector128.Create((byte)0x21), Vector128.Create((byte)0x5D))
                | Vector128.Equals(v, Vector128.Create((byte)'#'));
            return (bad.ExtractMostSignificantBits() >> (Vector128<byte>.Count - length)) == 0;
        }
        return HttpCharacters.IndexOfInvalidTarget(container.Slice(start, length)) < 0;
    }

    /// <summary>
    /// ASCII case-insensitive equality against a lower-case literal made of letters, digits, '-' and '.'.
    /// Folding with | 0x20 is exact for such a literal as long as <paramref name="s"/> holds no control
    /// bytes (the only ones that fold onto '-', '.' or a digit): call it on validated tokens and values.
    /// </summary>
    public static bool EqualsLower(ReadOnlySpan<byte> s, ReadOnlySpan<byte> lower)
    {
        int n = s.Length;
        if (n != lower.Length) return false;
        ref byte a = ref MemoryMarshal.GetReference(s);
        ref byte b = ref MemoryMarshal.GetReference(lower);
        if (n >= 8)
        {
            const ulong Fold = 0x2020202020202020;
            int i = 0;
            for (; i <= n - 8; i += 8)
                if ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, i)) | Fold) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i))) return false;
            return i == n || (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, n - 8)) | Fold) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, n - 8));
        }
        if (n >= 4)
        {
            const uint Fold = 0x20202020;
            return (Unsafe.ReadUnaligned<uint>(ref a) | Fold) == Unsafe.ReadUnaligned<uint>(ref b)
                && (Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, n - 4)) | Fold) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, n - 4));
        }
        for (int i = 0; i < n; i++)
            if ((Unsafe.Add(ref a, i) | 0x20) != Unsafe.Add(ref b, i)) return false;
        return true;
    }
}
