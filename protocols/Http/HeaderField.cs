using System;

namespace Uring.Http;

/// <summary>One header field line as received: name and value bytes (the value without surrounding whitespace).</summary>
public readonly ref struct HeaderField
{
    public HeaderField(KnownHeader known, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Known = known;
        Name = name;
        Value = value;
    }

    /// <summary>The field's id when it is a <see cref="KnownHeader"/>, else <see cref="KnownHeader.None"/>.</summary>
    public KnownHeader Known { get; }

    public ReadOnlySpan<byte> Name { get; }

    public ReadOnlySpan<byte> Value { get; }
}
