namespace Uring.Engine;

// Graceful shutdown: stop accepting, let handlers finish, abort what remains at the deadline.
public sealed unsafe partial class Reactor
{
    private bool _stopping;
    private ReactorTimer? _drainDeadline;

    /// <summary>True once the server asked this reactor to drain.</summary>
    public bool IsStopping => _stopping;

    internal void BeginShutdown(long drainMilliseconds)
    {
        if (_stopping) return;
        _stopping = true;
        foreach (Listener l in _listeners)
        {
            l.Active = false;
            if (l.Fd >= 0) _backend.CloseListener(l);
        }
        for (int i = 0; i < _slotsUsed; i++)
        {
            Connection? c = _slots[i];
            if (c is not null && c.State != ConnectionState.None) NotifyShutdown(c);
        }
        _drainDeadline = CreateTimer(static s => ((Reactor)s!).AbortRemaining(), this);
        _drainDeadline.Arm(drainMilliseconds);
    }

    private void NotifyShutdown(Connection c)
    {
        if ((c.State & (ConnectionState.ShutdownNotified | ConnectionState.Closing)) != 0 || c._handler is null) return;
        c.State |= ConnectionState.ShutdownNotified;
        try
        {
            c._handler.OnShutdown(c);
        }
        catch (System.Exception e)
        {
            Contain(c, e, "OnShutdown");
        }
    }

    private void AbortRemaining()
    {
        for (int i = 0; i < _slotsUsed; i++)
        {
            Connection? c = _slots[i];
            if (c is not null && c.State != ConnectionState.None && (c.State & ConnectionState.Closing) == 0)
                c.Abort(CloseReason.Shutdown);
        }
    }
}
