using System;
using System.Buffers.Text;

namespace Uring.Http;

/// <summary>
/// The current time as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT"),
/// formatted once per second by its owner (one per reactor) rather than once per response.
/// </summary>
public sealed class HttpDate
{
    /// <summary>Length of an IMF-fixdate.</summary>
    public const int Length = 29;

    private readonly byte[] _value = new byte[Length];
    private long _second = long.MinValue;

    public HttpDate() => Refresh(DateTimeOffset.UtcNow);

    /// <summary>The formatted date; the same array is overwritten at each refresh.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Formats <paramref name="now"/> if its second differs from the last one; true if the value changed.</summary>
    public bool Refresh(DateTimeOffset now)
    {
        long second = now.ToUnixTimeSeconds();
        if (second == _second) return false;
        _second = second;
        Format(now, _value);
        return true;
    }

    public static void Format(DateTimeOffset time, Span<byte> destination)
    {
        // 'R' is RFC 1123, which is the IMF-fixdate layout.
        if (!Utf8Formatter.TryFormat(time.ToUniversalTime(), destination, out int written, new System.Buffers.StandardFormat('R')) || written != Length)
            throw new InvalidOperationException("Unexpected HTTP date length.");
    }
}
