using System;

namespace Uring.Engine;

/// <summary>
/// A one-shot timer on a reactor's timer wheel, reusable: <see cref="Arm"/> again after it fired
/// or was cancelled. Created once (per connection or per module) and re-armed, so deadlines cost
/// no allocation per request. Reactor-thread only.
/// </summary>
public sealed class ReactorTimer
{
    private readonly Timers.TimerWheel _wheel;
    private readonly Action<object?> _callback;
    private readonly object? _state;

    // Intrusive links into the wheel's slot list.
    internal ReactorTimer? Prev;
    internal ReactorTimer? Next;
    internal int SlotIndex = -1;
    internal long DueTick;

    internal ReactorTimer(Timers.TimerWheel wheel, Action<object?> callback, object? state)
    {
        _wheel = wheel;
        _callback = callback;
        _state = state;
    }

    public bool IsArmed => SlotIndex >= 0;

    /// <summary>Fires the callback once, <paramref name="milliseconds"/> from now (re-arming moves it).</summary>
    public void Arm(long milliseconds) => _wheel.Schedule(this, milliseconds);

    public void Cancel() => _wheel.Remove(this);

    internal void Fire() => _callback(_state);
}
