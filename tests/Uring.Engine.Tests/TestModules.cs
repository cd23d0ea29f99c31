using System;
using System.Collections.Generic;
using System.Threading;
using Uring.Engine;

namespace Uring.Engine.Tests;

/// <summary>A module whose handler is built by a delegate, for tests of single engine behaviours.</summary>
internal sealed class LambdaModule : IProtocolModule
{
    private readonly Func<Connection, ConnectionHandler> _factory;

    public LambdaModule(Func<Connection, ConnectionHandler> factory) => _factory = factory;

    public string Name => "test";

    public ConnectionHandler CreateHandler(Connection connection) => _factory(connection);
}

/// <summary>Echo that keeps every receive buffer (a lease) and sends them back only when a timer fires,
/// so the reactor runs out of receive buffers whatever the backend.</summary>
internal sealed class HoardingEchoHandler : ConnectionHandler
{
    private readonly List<BufferLease> _held = new();
    private ReactorTimer? _timer;
    public static int Released;

    public override void OnOpened(Connection connection)
    {
        _timer = connection.Reactor.CreateTimer(static s =>
        {
            var (self, c) = ((HoardingEchoHandler, Connection))s!;
            self.Flush(c);
        }, (this, connection));
    }

    public override void OnData(Connection connection, ReceivedData data)
    {
        _held.Add(data.Retain());
        if (!_timer!.IsArmed) _timer.Arm(5);
    }

    private void Flush(Connection c)
    {
        foreach (BufferLease lease in _held)
        {
            if (c.IsOpen) c.Write(lease.Span);
            lease.Release();
            Interlocked.Increment(ref Released);
        }
        _held.Clear();
    }

    public override void OnClosed(Connection connection, CloseReason reason)
    {
        _timer?.Cancel();
        foreach (BufferLease lease in _held) lease.Release();
        _held.Clear();
    }
}
