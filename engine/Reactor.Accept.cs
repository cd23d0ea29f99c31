using System;

namespace Uring.Engine;

// Accepting within the descriptor budget. The .NET runtime itself needs descriptors now and then
// (its tiered JIT's worker threads, loading a library); a server that lets the kernel hand the
// last one to a client gets the runtime aborted (seen: PAL_SEHException at EMFILE). So each
// reactor holds at most its share of RLIMIT_NOFILE minus a reserve, and stops accepting — the
// backlog holds new clients, as nginx does when worker_connections run out — until some close.
public sealed unsafe partial class Reactor
{
    /// <summary>Connections (accepted and outbound) this reactor may hold; set by the server from RLIMIT_NOFILE.</summary>
    internal int DescriptorBudget = int.MaxValue;
    private bool _acceptPaused;
    private long _acceptPauses;
    private long _lastAcceptErrorLog = long.MinValue;
    private int _acceptErrorsSinceLog;

    /// <summary>Times accepting paused because the descriptor budget was spent.</summary>
    public long AcceptPauses => _acceptPauses;

    /// <summary>False while accepting is paused for lack of descriptors.</summary>
    internal bool AcceptOpen => !_acceptPaused && !_stopping;

    private int AcceptHeadroom => DescriptorBudget - _openCount;

    /// <summary>Arms accepting on <paramref name="l"/> unless paused. Multishot while there is room
    /// for more than a backlog's worth: one multishot accept may drain the whole backlog in one enter,
    /// so near the budget each accept is armed singly.</summary>
    private void ArmAccept(Listener l)
    {
        if (!l.Active || l.Armed || l.Fd < 0 || !AcceptOpen) return;
        _backend.StartAccept(l, multishot: AcceptHeadroom > Options.Backlog + 64);
    }

    /// <summary>After an accept: pause when the budget is spent.</summary>
    private void CheckAcceptBudget()
    {
        if (_acceptPaused || AcceptHeadroom > 0) return;
        _acceptPaused = true;
        _acceptPauses++;
        Options.Log($"reactor {Index}: descriptor budget of {DescriptorBudget} connections reached; accepting paused until some close (raise ulimit -n for more)");
        foreach (Listener l in _listeners)
            if (l.Armed) _backend.StopAccept(l);
    }

    /// <summary>After a connection is released: resume once a little room is free again.</summary>
    private void ResumeAcceptIfRoom()
    {
        if (!_acceptPaused || AcceptHeadroom < Math.Max(16, DescriptorBudget / 50)) return;
        _acceptPaused = false;
        foreach (Listener l in _listeners) ArmAccept(l);
    }

    internal void OnAcceptStopped(Listener listener, int errno)
    {
        listener.Armed = false;
        if (!listener.Active || !AcceptOpen) return;
        if (errno == 0)
        {
            ArmAccept(listener); // the multishot (or single) accept merely ended
            return;
        }
        // EMFILE/ENFILE from descriptors used elsewhere, ENOMEM...: retry shortly, and say so at most once a second.
        _acceptErrorsSinceLog++;
        if (NowMilliseconds - _lastAcceptErrorLog >= 1000)
        {
            Options.Log($"reactor {Index}: accept on {listener.EndPoint} failed: {Errno.Name(errno)} ({_acceptErrorsSinceLog}x); retrying every 10 ms");
            _lastAcceptErrorLog = NowMilliseconds;
            _acceptErrorsSinceLog = 0;
        }
        listener.RetryTimer ??= CreateTimer(static s =>
        {
            var (r, l) = ((Reactor, Listener))s!;
            r.ArmAccept(l);
        }, (this, listener));
        listener.RetryTimer.Arm(10);
    }
}
