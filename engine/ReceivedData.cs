using System;

namespace Uring.Engine;

/// <summary>
/// Bytes received on a connection, lent to <see cref="ConnectionHandler.OnData"/> for the call.
/// The memory is a receive buffer of the reactor: after the call it goes back to the kernel
/// unless <see cref="Retain"/> was called, in which case it stays valid until the lease is released.
/// </summary>
public readonly unsafe ref struct ReceivedData
{
    private readonly Reactor _reactor;
    private readonly byte* _start;
    private readonly int _length;
    private readonly int _bufferId;

    internal ReceivedData(Reactor reactor, int bufferId, byte* start, int length)
    {
        _reactor = reactor;
        _bufferId = bufferId;
        _start = start;
        _length = length;
    }

    public ReadOnlySpan<byte> Span => new(_start, _length);

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    /// <summary>The same lent buffer from <paramref name="start"/> on (for handing the rest to another handler).</summary>
    public ReceivedData Slice(int start)
    {
        if ((uint)start > (uint)_length) throw new ArgumentOutOfRangeException(nameof(start));
        return new ReceivedData(_reactor, _bufferId, _start + start, _length - start);
    }

    /// <summary>Keeps the buffer after the callback returns; it is recycled when the lease is released.</summary>
    public BufferLease Retain()
    {
        if (_reactor is null) throw new InvalidOperationException("Nothing to retain.");
        return _reactor.RetainReceiveBuffer(_bufferId, _start, _length);
    }
}
