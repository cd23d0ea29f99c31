using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Uring.Daemon;

/// <summary>
/// SIGTERM, SIGINT and SIGQUIT turned into one event: the default action (exit at once) is cancelled
/// so the process can drain and exit by itself. Used by a single uringd and by a supervisor alike.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly ManualResetEventSlim _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal),
        };
    }

    /// <summary>Marks a stop without a signal (a failed reactor, a failed worker start).</summary>
    public void Set() => _stopping.Set();

    /// <summary>Waits up to <paramref name="timeout"/>; true once a stop was asked for.</summary>
    public bool Wait(TimeSpan timeout) => _stopping.Wait(timeout);

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we exit ourselves, after the drain
        _stopping.Set();
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _registrations) r.Dispose();
        _stopping.Dispose();
    }
}
