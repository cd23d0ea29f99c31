using System.Collections.Generic;
using Uring.Engine.Timers;
using Xunit;

namespace Uring.Engine.Tests.Timers;

public class TimerWheelTests
{
    private long _now = 1_000;

    private TimerWheel NewWheel() => new(() => _now);

    [Fact]
    public void Fires_at_the_deadline_and_not_before()
    {
        TimerWheel wheel = NewWheel();
        var fired = new List<string>();
        ReactorTimer t = wheel.Create(s => fired.Add((string)s!), "a");
        t.Arm(50);
        Assert.Equal(50, wheel.MillisecondsToNextDeadline());
        _now += 49;
        wheel.Advance();
        Assert.Empty(fired);
        _now += 1;
        wheel.Advance();
        Assert.Equal(new[] { "a" }, fired);
        Assert.False(t.IsArmed);
        Assert.Equal(-1, wheel.MillisecondsToNextDeadline());
    }

    [Fact]
    public void Cancel_and_rearm()
    {
        TimerWheel wheel = NewWheel();
        int fired = 0;
        ReactorTimer t = wheel.Create(_ => fired++, null);
        t.Arm(10);
        t.Cancel();
        _now += 20;
        wheel.Advance();
        Assert.Equal(0, fired);
        t.Arm(10);
        t.Arm(30); // moving it
        _now += 10;
        wheel.Advance();
        Assert.Equal(0, fired);
        _now += 20;
        wheel.Advance();
        Assert.Equal(1, fired);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Timers_beyond_one_turn_wait_for_their_round()
    {
        TimerWheel wheel = NewWheel();
        int fired = 0;
        wheel.Create(_ => fired++, null).Arm(10_000); // ~2.4 turns of a 4096-slot wheel
        for (int i = 0; i < 9_999; i += 100)
        {
            _now += 100;
            if (_now - 1_000 < 10_000) wheel.Advance();
        }
        Assert.Equal(0, fired);
        _now = 1_000 + 10_000;
        wheel.Advance();
        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_long_sleep_fires_everything_due_once()
    {
        TimerWheel wheel = NewWheel();
        var fired = new List<int>();
        for (int i = 1; i <= 100; i++)
        {
            int id = i;
            wheel.Create(_ => fired.Add(id), null).Arm(i * 97);
        }
        _now += 60_000;
        Assert.Equal(100, wheel.Advance());
        Assert.Equal(100, fired.Count);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void A_callback_may_cancel_or_arm_other_timers()
    {
        TimerWheel wheel = NewWheel();
        int bFired = 0, cFired = 0;
        ReactorTimer b = wheel.Create(_ => bFired++, null);
        ReactorTimer c = wheel.Create(_ => cFired++, null);
        ReactorTimer a = wheel.Create(_ =>
        {
            b.Cancel();
            c.Arm(5);
        }, null);
        a.Arm(10);
        b.Arm(12);
        _now += 10;
        wheel.Advance();
        _now += 2;
        wheel.Advance();
        Assert.Equal(0, bFired);
        _now += 3;
        wheel.Advance();
        Assert.Equal(1, cFired);
    }
}
