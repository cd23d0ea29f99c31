using System;
using System.Text;

namespace Uring.Http;

/// <summary>
/// Comma-separated lists of tokens (RFC 9110 §5.6.1): elements are separated by commas with
/// optional whitespace, and empty elements are ignored.
/// </summary>
public static class TokenList
{
    /// <summary>True when <paramref name="list"/> has an element equal to <paramref name="token"/>, in any letter case.</summary>
    public static bool Contains(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        while (TryNext(ref list, out ReadOnlySpan<byte> element))
            if (Ascii.EqualsIgnoreCase(element, token)) return true;
        return false;
    }

    /// <summary>Takes the next non-empty element off <paramref name="list"/> (whitespace-trimmed).</summary>
    public static bool TryNext(ref ReadOnlySpan<byte> list, out ReadOnlySpan<byte> element)
    {
        while (!list.IsEmpty)
        {
            int comma = list.IndexOf((byte)',');
            ReadOnlySpan<byte> item = comma < 0 ? list : list.Slice(0, comma);
            list = comma < 0 ? default : list.Slice(comma + 1);
            item = TrimWhitespace(item);
            if (!item.IsEmpty)
            {
                element = item;
                return true;
            }
        }
        element = default;
        return false;
    }

    /// <summary>Removes leading and trailing SP and HTAB (OWS, RFC 9110 §5.6.3).</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && (s[start] == ' ' || s[start] == '\t')) start++;
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
        return s.Slice(start, end - start);
    }
}
