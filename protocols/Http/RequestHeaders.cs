using System;
using System.Buffers;
using System.Text;

namespace Uring.Http;

/// <summary>
/// The request's header fields, a view over the request head (no copy). Values are the bytes the
/// client sent, without leading and trailing whitespace; a field received on several lines appears
/// once per line. Valid until the request completes.
/// </summary>
public readonly struct RequestHeaders
{
    private readonly HttpRequest _request;

    internal RequestHeaders(HttpRequest request) => _request = request;

    public int Count => _request.HeaderCount;

    public HeaderField this[int index] => _request.HeaderAt(index);

    /// <summary>The first field with this id.</summary>
    public bool TryGetValue(KnownHeader header, out ReadOnlySpan<byte> value)
    {
        int i = _request.IndexOfHeader(header, 0);
        if (i < 0)
        {
            value = default;
            return false;
        }
        value = _request.HeaderAt(i).Value;
        return true;
    }

    /// <summary>The first field named <paramref name="name"/> (any letter case).</summary>
    public bool TryGetValue(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        KnownHeader known = KnownHeaders.Lookup(name);
        if (known != KnownHeader.None) return TryGetValue(known, out value);
        for (int i = 0; i < _request.HeaderCount; i++)
        {
            HeaderField f = _request.HeaderAt(i);
            if (f.Known == KnownHeader.None && Ascii.EqualsIgnoreCase(f.Name, name))
            {
                value = f.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public bool Contains(KnownHeader header) => _request.IndexOfHeader(header, 0) >= 0;

    /// <summary>The first value of <paramref name="name"/> as a string (allocates), or null.</summary>
    public string? GetString(string name)
    {
        Span<byte> encoded = name.Length <= 256 ? stackalloc byte[name.Length] : new byte[name.Length];
        if (Ascii.FromUtf16(name, encoded, out _) != OperationStatus.Done) return null;
        return TryGetValue(encoded, out ReadOnlySpan<byte> value) ? Encoding.Latin1.GetString(value) : null;
    }

    public Enumerator GetEnumerator() => new(_request);

    public ref struct Enumerator
    {
        private readonly HttpRequest _request;
        private int _index;

        internal Enumerator(HttpRequest request)
        {
            _request = request;
            _index = -1;
        }

        public bool MoveNext() => ++_index < _request.HeaderCount;

        public HeaderField Current => _request.HeaderAt(_index);
    }
}
