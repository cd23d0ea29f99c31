using System;

namespace Uring.Engine.Threading;

/// <summary>A unit of work posted to a reactor: a (usually static) callback and its state,
/// so posting allocates nothing beyond what the caller already holds.</summary>
internal readonly struct PostedWork
{
    public readonly Action<object?> Callback;
    public readonly object? State;

    public PostedWork(Action<object?> callback, object? state)
    {
        Callback = callback;
        State = state;
    }
}
