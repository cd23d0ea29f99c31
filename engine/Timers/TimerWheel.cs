using System;
using System.Diagnostics;

namespace Uring.Engine.Timers;

/// <summary>
/// A hashed timer wheel with millisecond ticks (one per reactor). Arming and cancelling are O(1);
/// a timer further away than one turn of the wheel waits in its slot for the right round. The
/// reactor sleeps until <see cref="MillisecondsToNextDeadline"/> and then calls <see cref="Advance"/>.
/// </summary>
internal sealed class TimerWheel
{
    private const int SlotCount = 4096; // ~4 s per turn; a power of two
    private const int SlotMask = SlotCount - 1;

    private readonly ReactorTimer?[] _slots = new ReactorTimer?[SlotCount];
    private long _currentTick;       // every tick before this one has been processed
    private int _count;
    private readonly Func<long> _clock;
    // The time of this loop turn: read once per turn (like nginx's ngx_current_msec), not per timer
    // armed, since arming happens per request and clock reads showed up in profiles.
    private long _now;

    public TimerWheel() : this(ClockMilliseconds) { }

    /// <summary>With an injected clock, for tests.</summary>
    public TimerWheel(Func<long> clock)
    {
        _clock = clock;
        _now = clock();
        _currentTick = _now;
    }

    public static long ClockMilliseconds() => Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000);

    public int Count => _count;

    /// <summary>The clock as of the last <see cref="Refresh"/>, <see cref="Advance"/> or <see cref="MillisecondsToNextDeadline"/>.</summary>
    public long Now => _now;

    /// <summary>Reads the clock for this loop turn.</summary>
    public long Refresh() => _now = _clock();

    public ReactorTimer Create(Action<object?> callback, object? state) => new(this, callback, state);

    public void Schedule(ReactorTimer t, long milliseconds)
    {
        if (t.SlotIndex >= 0) Remove(t);
        long due = _now + Math.Max(1, milliseconds);
        if (due < _currentTick) due = _currentTick;
        t.DueTick = due;
        int slot = (int)(due & SlotMask);
        t.SlotIndex = slot;
        t.Prev = null;
        t.Next = _slots[slot];
        if (t.Next is not null) t.Next.Prev = t;
        _slots[slot] = t;
        _count++;
    }

    public void Remove(ReactorTimer t)
    {
        if (t.SlotIndex < 0) return;
        if (t.Prev is not null) t.Prev.Next = t.Next;
        else _slots[t.SlotIndex] = t.Next;
        if (t.Next is not null) t.Next.Prev = t.Prev;
        t.Prev = t.Next = null;
        t.SlotIndex = -1;
        _count--;
    }

    /// <summary>Fires every timer due at or before now. Returns how many fired.</summary>
    public int Advance()
    {
        long now = Refresh();
        if (_count == 0)
        {
            _currentTick = now + 1;
            return 0;
        }
        int fired = 0;
        // After a long sleep, one pass over the wheel visits every slot once.
        long last = Math.Min(now, _currentTick + SlotCount - 1);
        for (long tick = _currentTick; tick <= last && _count > 0; tick++)
        {
            ReactorTimer? t = _slots[tick & SlotMask];
            while (t is not null)
            {
                ReactorTimer? next = t.Next;
                if (t.DueTick <= now)
                {
                    Remove(t);
                    fired++;
                    t.Fire(); // may re-arm itself or others; `next` stays valid unless removed below
                    if (next is not null && next.SlotIndex < 0) next = _slots[tick & SlotMask];
                }
                t = next;
            }
        }
        _currentTick = now + 1;
        return fired;
    }

    /// <summary>Time until the earliest slot holding a timer (an upper bound on the next deadline's
    /// distance when timers wait for a later round), or -1 when no timer is armed.</summary>
    public long MillisecondsToNextDeadline()
    {
        long now = Refresh();
        if (_count == 0) return -1;
        long start = Math.Max(_currentTick, now);
        for (long tick = start; tick < start + SlotCount; tick++)
        {
            ReactorTimer? t = _slots[tick & SlotMask];
            if (t is null) continue;
            long earliest = long.MaxValue;
            for (; t is not null; t = t.Next) earliest = Math.Min(earliest, t.DueTick);
            return Math.Max(0, Math.Min(earliest, tick) - now);
        }
        return SlotCount;
    }
}
