using System;
using Uring.Engine.Memory;

namespace Uring.Engine.Buffers;

/// <summary>
/// One reactor's block of I/O memory, mapped once at start-up (hugetlb, transparent hugepages or
/// plain pages, bound to the reactor's NUMA node: <see cref="ArenaAllocator"/>) and carved by bump
/// allocation into its receive buffers and send blocks. The reactor's own pinned thread touches it
/// first, so unbound pages are also placed on that core's node. io_uring registers it whole as fixed
/// buffer 0.
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly ArenaMapping _mapping;
    private nuint _used;

    public byte* Base => _mapping.Base;
    public nuint Size => _mapping.Size;
    public nuint Used => _used;
    public ArenaMapping Mapping => _mapping;

    public NativeArena(ArenaMapping mapping) => _mapping = mapping;

    /// <summary>A plain-page arena (tests and tools).</summary>
    public NativeArena(nuint size) : this(ArenaAllocator.Map(size, -1, HugePageStatus.Read(), ArenaMode.Plain)) { }

    /// <summary>Takes <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    public byte* Allocate(nuint size, nuint alignment)
    {
        nuint start = AlignUp(_used, alignment);
        if (start + size > Size) throw new OutOfMemoryException($"arena of {Size} bytes exhausted");
        _used = start + size;
        return Base + start;
    }

    /// <summary>True when [p, p + length) lies inside the arena (so a send from it may use the registered buffer).</summary>
    public bool Contains(byte* p, int length) => p >= Base && p + length <= Base + Size;

    public static nuint AlignUp(nuint value, nuint alignment) => (value + alignment - 1) & ~(alignment - 1);

    public void Dispose() => _mapping.Dispose();
}
