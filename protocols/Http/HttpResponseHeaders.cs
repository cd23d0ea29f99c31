using System;
using System.Buffers;
using System.Text;

namespace Uring.Http;

/// <summary>
/// Response header fields. Names and values are copied into one reusable byte store, so setting
/// a header allocates nothing once the store has grown to its working size. Values are checked:
/// a CR, LF or NUL would let a caller split the response (RFC 9110 §5.5), so it is refused.
/// Framing is the protocol's job: use <see cref="HttpResponse.ContentLength"/>, not the header.
/// </summary>
public sealed class HttpResponseHeaders
{
    private Entry[] _entries = new Entry[8];
    private int _count;
    private byte[] _store = new byte[512];
    private int _used;

    private struct Entry
    {
        public KnownHeader Known;
        public int NameOffset, NameLength, ValueOffset, ValueLength;
    }

    public int Count => _count;

    /// <summary>A field named Date was set: the protocol sends it instead of its own.</summary>
    internal bool HasDate { get; private set; }

    /// <summary>A field named Server was set: the protocol sends it instead of its own.</summary>
    internal bool HasServer { get; private set; }

    /// <summary>A Connection field holds the "close" option: the connection closes after this response.</summary>
    internal bool RequestsClose { get; private set; }

    public HeaderField this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            ref Entry e = ref _entries[index];
            ReadOnlySpan<byte> name = e.Known != KnownHeader.None ? KnownHeaders.Name(e.Known) : _store.AsSpan(e.NameOffset, e.NameLength);
            return new HeaderField(e.Known, name, _store.AsSpan(e.ValueOffset, e.ValueLength));
        }
    }

    public void Add(KnownHeader header, ReadOnlySpan<byte> value)
    {
        if (header == KnownHeader.None) throw new ArgumentException("Use a named overload for other fields.", nameof(header));
        CheckValue(value);
        Append(header, default, value);
    }

    public void Add(KnownHeader header, string value)
    {
        if (header == KnownHeader.None) throw new ArgumentException("Use a named overload for other fields.", nameof(header));
        AppendEncoded(header, default, value);
    }

    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (!HttpCharacters.IsToken(name)) throw new ArgumentException("A field name must be a token (RFC 9110 §5.1).", nameof(name));
        CheckValue(value);
        KnownHeader known = KnownHeaders.Lookup(name);
        Append(known, known == KnownHeader.None ? name : default, value);
    }

    public void Add(string name, string value)
    {
        Span<byte> n = stackalloc byte[256];
        if (name.Length > n.Length || Ascii.FromUtf16(name, n, out int length) != OperationStatus.Done)
            throw new ArgumentException("A field name must be a short ASCII token.", nameof(name));
        n = n.Slice(0, length);
        if (!HttpCharacters.IsToken(n)) throw new ArgumentException("A field name must be a token (RFC 9110 §5.1).", nameof(name));
        KnownHeader known = KnownHeaders.Lookup(n);
        AppendEncoded(known, known == KnownHeader.None ? n : default, value);
    }

    /// <summary>Replaces every field with this id by one with <paramref name="value"/>.</summary>
    public void Set(KnownHeader header, ReadOnlySpan<byte> value)
    {
        Remove(header);
        Add(header, value);
    }

    public void Set(KnownHeader header, string value)
    {
        Remove(header);
        Add(header, value);
    }

    public bool TryGetValue(KnownHeader header, out ReadOnlySpan<byte> value)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Known == header)
            {
                value = _store.AsSpan(_entries[i].ValueOffset, _entries[i].ValueLength);
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Removes every field with this id; true if there was one.</summary>
    public bool Remove(KnownHeader header)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
            if (_entries[i].Known != header) _entries[kept++] = _entries[i];
        bool removed = kept != _count;
        _count = kept;
        if (removed) RecomputeFlags();
        return removed;
    }

    public void Clear()
    {
        _count = 0;
        _used = 0;
        HasDate = HasServer = RequestsClose = false;
        // Keep the working size, not a one-off giant.
        if (_store.Length > 16 * 1024) _store = new byte[512];
    }

    private void Append(KnownHeader known, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        CheckFraming(known);
        int nameOffset = Store(name);
        int valueOffset = Store(value);
        Commit(known, nameOffset, name.Length, valueOffset, value.Length);
    }

    /// <summary>Stores the name, then encodes the value as UTF-8 straight into the store.</summary>
    private void AppendEncoded(KnownHeader known, ReadOnlySpan<byte> name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckFraming(known);
        int nameOffset = Store(name);
        EnsureStore(Encoding.UTF8.GetMaxByteCount(value.Length));
        int valueOffset = _used;
        int n = Encoding.UTF8.GetBytes(value, _store.AsSpan(valueOffset));
        if (HttpCharacters.IndexOfInvalidFieldValue(_store.AsSpan(valueOffset, n)) >= 0)
        {
            _used = nameOffset;
            CheckValue(_store.AsSpan(valueOffset, n));
        }
        _used += n;
        Commit(known, nameOffset, name.Length, valueOffset, n);
    }

    private static void CheckFraming(KnownHeader known)
    {
        if (known is KnownHeader.ContentLength or KnownHeader.TransferEncoding)
            throw new InvalidOperationException("Framing belongs to the protocol: set HttpResponse.ContentLength instead.");
    }

    private void Commit(KnownHeader known, int nameOffset, int nameLength, int valueOffset, int valueLength)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count++] = new Entry
        {
            Known = known,
            NameOffset = nameOffset,
            NameLength = nameLength,
            ValueOffset = valueOffset,
            ValueLength = valueLength,
        };
        Flag(known, _store.AsSpan(valueOffset, valueLength));
    }

    private void Flag(KnownHeader known, ReadOnlySpan<byte> value)
    {
        if (known == KnownHeader.Date) HasDate = true;
        else if (known == KnownHeader.Server) HasServer = true;
        else if (known == KnownHeader.Connection && TokenList.Contains(value, "close"u8)) RequestsClose = true;
    }

    private void RecomputeFlags()
    {
        HasDate = HasServer = RequestsClose = false;
        for (int i = 0; i < _count; i++) Flag(_entries[i].Known, _store.AsSpan(_entries[i].ValueOffset, _entries[i].ValueLength));
    }

    private int Store(ReadOnlySpan<byte> bytes)
    {
        EnsureStore(bytes.Length);
        int start = _used;
        bytes.CopyTo(_store.AsSpan(start));
        _used += bytes.Length;
        return start;
    }

    private void EnsureStore(int extra)
    {
        if (_used + extra <= _store.Length) return;
        Array.Resize(ref _store, Math.Max(_store.Length * 2, _used + extra));
    }

    private static void CheckValue(ReadOnlySpan<byte> value)
    {
        if (HttpCharacters.IndexOfInvalidFieldValue(value) >= 0)
            throw new ArgumentException("A field value must not contain CR, LF, NUL or other control characters (RFC 9110 §5.5).", nameof(value));
    }
}
