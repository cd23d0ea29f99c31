using System;
using System.Threading;

namespace Uring.Engine.Threading;

/// <summary>
/// Installed on each reactor thread, so an <c>await</c> in a handler resumes on the same reactor
/// (never on the thread pool): its continuation is posted to the reactor and runs in the loop's
/// posted-work phase, before output is flushed.
/// </summary>
internal sealed class ReactorSynchronizationContext : SynchronizationContext
{
    private readonly Reactor _reactor;

    public ReactorSynchronizationContext(Reactor reactor) => _reactor = reactor;

    public override void Post(SendOrPostCallback d, object? state) => _reactor.Post(s_invoke, new Invocation(d, state));

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (_reactor.IsOnReactorThread) d(state);
        else throw new NotSupportedException("Synchronous Send to a reactor from another thread would block it.");
    }

    public override SynchronizationContext CreateCopy() => this;

    private static readonly Action<object?> s_invoke = static o => ((Invocation)o!).Run();

    private sealed class Invocation
    {
        private readonly SendOrPostCallback _callback;
        private readonly object? _state;

        public Invocation(SendOrPostCallback callback, object? state)
        {
            _callback = callback;
            _state = state;
        }

        public void Run() => _callback(_state);
    }
}
