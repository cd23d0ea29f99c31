using System;

namespace Uring.Engine;

/// <summary>
/// A receive buffer kept past its callback (<see cref="ReceivedData.Retain"/>). Release it exactly
/// once, on the reactor's thread; until then the reactor has one buffer fewer to receive into.
/// </summary>
public readonly unsafe struct BufferLease
{
    private readonly Reactor? _reactor;
    private readonly byte* _start;
    private readonly int _length;
    private readonly int _bufferId;
    private readonly uint _stamp;

    internal BufferLease(Reactor reactor, int bufferId, uint stamp, byte* start, int length)
    {
        _reactor = reactor;
        _bufferId = bufferId;
        _stamp = stamp;
        _start = start;
        _length = length;
    }

    public bool IsValid => _reactor is not null;

    public ReadOnlySpan<byte> Span => new(_start, _length);

    public int Length => _length;

    /// <summary>Gives the buffer back to the reactor. A second release of the same lease throws.</summary>
    public void Release()
    {
        if (_reactor is null) throw new InvalidOperationException("Default lease.");
        _reactor.ReleaseReceiveBuffer(_bufferId, _stamp);
    }
}
