using System;
using System.Collections.Generic;
using System.Globalization;
using Tmds.Linux;

namespace Uring.Engine.Memory;

/// <summary>
/// One mapped reactor arena from <see cref="ArenaAllocator.Map"/>: exactly [Base, Base + Size) is
/// mapped (the alignment slack of a THP region is unmapped at once), so Dispose unmaps that range.
/// Not thread-safe; disposed by its owner once the memory is no longer registered with the kernel.
/// </summary>
public sealed unsafe class ArenaMapping : IDisposable
{
    private byte* _base;

    internal ArenaMapping(byte* @base, nuint size, ArenaMode mode, int node, IReadOnlyList<string> fallbacks)
    {
        _base = @base;
        Size = size;
        Mode = mode;
        Node = node;
        Fallbacks = fallbacks;
    }

    public byte* Base => _base;

    /// <summary>The mapped length: the request rounded up to the mode's page size (all of it usable).</summary>
    public nuint Size { get; }

    public ArenaMode Mode { get; }

    /// <summary>The node the range is bound to (mbind MPOL_PREFERRED), or -1 when it is placed by first touch.</summary>
    public int Node { get; }

    public bool NumaBound => Node >= 0;

    /// <summary>Why better modes or the binding were not used, in order (empty when nothing fell back).</summary>
    public IReadOnlyList<string> Fallbacks { get; }

    /// <summary>One line for the start-up log, e.g. "8 MiB arena: hugetlb, bound to node 0".</summary>
    public string Describe()
    {
        string mode = Mode switch
        {
            ArenaMode.HugeTlb => "hugetlb",
            ArenaMode.TransparentHugePages => "transparent hugepages",
            _ => "plain pages",
        };
        string placement = NumaBound
            ? string.Create(CultureInfo.InvariantCulture, $"bound to node {Node}")
            : "placed by first touch";
        string line = $"{ByteSize.Format(Size)} arena: {mode}, {placement}";
        return Fallbacks.Count == 0 ? line : line + " (" + string.Join("; ", Fallbacks) + ")";
    }

    public void Dispose()
    {
        if (_base == null) return;
#if URING_BACKEND_KQUEUE
        Native.Bsd.LibC.munmap(_base, Size);
#else
        LibC.munmap(_base, (size_t)(ulong)Size);
#endif
        _base = null;
    }
}
