namespace Uring.Engine.Memory;

/// <summary>Where one reactor's memory goes.</summary>
/// <param name="Reactor">The reactor's index.</param>
/// <param name="Cpu">The core it is pinned to.</param>
/// <param name="Node">That core's node, -1 when sysfs lists the core under no node.</param>
/// <param name="Bind">Whether its arena is bound to <paramref name="Node"/> (else placed by first touch). Its native
/// heap is always placed by first touch, which the pinned reactor thread makes local.</param>
public readonly record struct ReactorPlacement(int Reactor, int Cpu, int Node, bool Bind)
{
    /// <summary>The node to hand <see cref="ArenaAllocator.Map"/>: <see cref="Node"/> when bound, else -1.</summary>
    public int ArenaNode => Bind ? Node : -1;
}
