using System;
using System.Runtime.InteropServices;

namespace Uring.ConnHold;

/// <summary>
/// SIGTERM/SIGINT end the hold like stdin closing does: the connections are closed by us (and
/// counted) rather than torn down by the exit, and the script's cleanup trap can rely on it.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;
    private volatile bool _requested;

    public StopSignal()
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public bool Requested => _requested;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we exit ourselves, once the connections are closed
        _requested = true;
    }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
    }
}
