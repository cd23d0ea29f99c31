using System;
using System.Text;

namespace Uring.Http;

/// <summary>
/// The values the router captured from the path for <c>{name}</c> and <c>{*name}</c> segments,
/// as the raw (still percent-encoded) path bytes. A view over the request; no copy.
/// </summary>
public readonly struct RouteValues
{
    private readonly HttpRequest _request;

    internal RouteValues(HttpRequest request) => _request = request;

    public int Count => _request.RouteValueCount;

    public string NameAt(int index) => _request.RouteValueNameAt(index);

    public ReadOnlySpan<byte> ValueAt(int index) => _request.RouteValueAt(index);

    public bool TryGetValue(string name, out ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < _request.RouteValueCount; i++)
        {
            if (string.Equals(_request.RouteValueNameAt(i), name, StringComparison.Ordinal))
            {
                value = _request.RouteValueAt(i);
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The value captured for <paramref name="name"/>, percent-decoded to a string (allocates), or null.</summary>
    public string? GetString(string name)
    {
        if (!TryGetValue(name, out ReadOnlySpan<byte> raw)) return null;
        if (raw.IndexOf((byte)'%') < 0) return Encoding.UTF8.GetString(raw);
        byte[] decoded = new byte[raw.Length];
        int n = PercentEncoding.Decode(raw, decoded);
        return n < 0 ? null : Encoding.UTF8.GetString(decoded, 0, n);
    }
}
