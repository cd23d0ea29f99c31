using System;
using System.Collections.Generic;
using Tmds.Linux;
using Uring.Native;

namespace Uring.Engine.Memory;

/// <summary>
/// Maps reactor arenas: <c>mmap(MAP_HUGETLB)</c> when the reserved pool has room, else a PMD-aligned
/// anonymous region marked <c>madvise(MADV_HUGEPAGE)</c> when THP is enabled, else plain pages; then,
/// when given a node, binds the range to it. Nothing is touched here: pages are faulted in by the
/// reactor's pinned thread, which places them under the binding (or, unbound, by first touch).
/// </summary>
public static unsafe class ArenaAllocator
{
    /// <summary>
    /// Maps at least <paramref name="size"/> bytes. <paramref name="node"/> ≥ 0 binds the range to that
    /// node (with <see cref="Numa.MPOL_PREFERRED"/>, see <see cref="Bind"/>); -1 leaves placement to
    /// first touch. <paramref name="force"/> asks for one mode and nothing else: when that mode cannot
    /// be had the call throws instead of falling back, so a benchmark never measures the wrong mode.
    /// </summary>
    /// <exception cref="InvalidOperationException">The forced mode is not available.</exception>
    /// <exception cref="OutOfMemoryException">Not even plain pages could be mapped.</exception>
    public static ArenaMapping Map(nuint size, int node, HugePageStatus hugePages, ArenaMode? force = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        var fallbacks = new List<string>();
        byte* p = null;
        ArenaMode mode = force ?? ArenaMode.HugeTlb;

        if (mode == ArenaMode.HugeTlb)
        {
            p = TryHugeTlb(ref size, hugePages, out string? why);
            if (p == null) Fall(force, fallbacks, "hugetlb: " + why, ref mode, ArenaMode.TransparentHugePages);
        }
        if (mode == ArenaMode.TransparentHugePages)
        {
            p = TryTransparent(ref size, hugePages, out string? why);
            if (p == null) Fall(force, fallbacks, "THP: " + why, ref mode, ArenaMode.Plain);
        }
        if (mode == ArenaMode.Plain) p = MapPlain(ref size, hugePages);

        int boundNode = -1;
        if (node >= 0)
        {
            string? why = Bind(p, size, node);
            if (why == null) boundNode = node;
            else fallbacks.Add($"not bound to node {node}: {why}");
        }
        return new ArenaMapping(p, size, mode, boundNode, fallbacks);
    }

    private static void Fall(ArenaMode? force, List<string> fallbacks, string why, ref ArenaMode mode, ArenaMode next)
    {
        if (force != null) throw new InvalidOperationException($"arena mode {force} was asked for but is unavailable ({why})");
        fallbacks.Add(why);
        mode = next;
    }

    private static byte* TryHugeTlb(ref nuint size, HugePageStatus hugePages, out string? why)
    {
        if (hugePages.PageSize == 0)
        {
            why = "no hugetlb support";
            return null;
        }
        nuint length = AlignUp(size, hugePages.PageSize);
        if (!hugePages.CanMapHugeTlb(length))
        {
            why = $"{hugePages.Available} of {hugePages.Total} pages free, {length / hugePages.PageSize} needed";
            return null;
        }
        // A MAP_HUGETLB mapping reserves all its pages at mmap time (mm/hugetlb.c, hugetlb_reserve_pages),
        // so a pool emptied by someone since the snapshot shows here as ENOMEM, never later as SIGBUS.
        byte* p = MapAnonymous(length, LibC.MAP_HUGETLB, out int errno);
        if (p == null)
        {
            why = "mmap(MAP_HUGETLB) failed: " + Errno.Name(errno);
            return null;
        }
        size = length;
        why = null;
        return p;
    }

    private static byte* TryTransparent(ref nuint size, HugePageStatus hugePages, out string? why)
    {
        if (hugePages.Thp is not (ThpMode.Always or ThpMode.Madvise))
        {
            why = hugePages.Thp == ThpMode.Never ? "disabled (never)" : "not supported by this kernel";
            return null;
        }
        // The kernel backs a huge page only where a whole PMD-aligned extent lies inside the VMA:
        // map one extra extent, keep the aligned part, unmap the slack at either end.
        nuint huge = hugePages.ThpPageSize;
        nuint length = AlignUp(size, huge);
        byte* raw = MapAnonymous(length + huge, 0, out int errno);
        if (raw == null)
        {
            why = "mmap failed: " + Errno.Name(errno);
            return null;
        }
        byte* aligned = (byte*)AlignUp((nuint)raw, huge);
        nuint head = (nuint)(aligned - raw), tail = huge - head;
        if (head != 0) LibC.munmap(raw, (size_t)(ulong)head);
        if (tail != 0) LibC.munmap(aligned + length, (size_t)(ulong)tail);
        // In "madvise" mode only marked regions get huge pages; in "always" mode the mark still makes
        // faults compact synchronously under the default defrag setting ("madvise").
        if (LibC.madvise(aligned, (size_t)(ulong)length, LibC.MADV_HUGEPAGE) != 0)
        {
            why = "madvise(MADV_HUGEPAGE) failed: " + Errno.Name(LibC.errno);
            LibC.munmap(aligned, (size_t)(ulong)length);
            return null;
        }
        size = length;
        why = null;
        return aligned;
    }

    private static byte* MapPlain(ref nuint size, HugePageStatus hugePages)
    {
        nuint length = AlignUp(size, (nuint)Environment.SystemPageSize);
        byte* p = MapAnonymous(length, 0, out int errno);
        if (p == null) throw new OutOfMemoryException($"mmap of a {length}-byte arena failed: {Errno.Name(errno)}");
        // Under THP "always" any large anonymous region may get huge pages; opt out so Plain means plain.
        if (hugePages.Thp == ThpMode.Always) LibC.madvise(p, (size_t)(ulong)length, LibC.MADV_NOHUGEPAGE);
        size = length;
        return p;
    }

    /// <summary>
    /// Sets the range's policy before any page is faulted in, so no page needs moving. MPOL_PREFERRED,
    /// not libnuma's MPOL_BIND: when the node runs out (a hugetlb pool is split per node, so one node can
    /// be empty while the global count is not), the kernel takes a page from another node instead of
    /// answering the fault with SIGBUS (hugetlb) or the OOM killer. A remote page is slower; a dead
    /// reactor is worse. Returns null when bound, else why not.
    /// </summary>
    private static string? Bind(byte* p, nuint size, int node)
    {
        if (!Numa.IsAvailable) return "libnuma not found";
        int words = node / 64 + 1;
        ulong* mask = stackalloc ulong[words];
        new Span<ulong>(mask, words).Clear();
        mask[node / 64] = 1UL << (node % 64);
        int rc = Numa.mbind(p, size, Numa.MPOL_PREFERRED, mask, (nuint)(words * 64 + 1), 0);
        return rc == 0 ? null : "mbind failed: " + Errno.Name(-rc);
    }

    private static byte* MapAnonymous(nuint length, int extraFlags, out int errno)
    {
#if URING_BACKEND_KQUEUE
        // BSD/macOS: MAP_ANON is 0x1000 (Linux 0x20); no hugetlb or THP is ever asked for there (no /proc).
        nint r = Native.Bsd.LibC.mmap(null, length, Native.Bsd.LibC.PROT_READ | Native.Bsd.LibC.PROT_WRITE,
            Native.Bsd.LibC.MAP_PRIVATE | Native.Bsd.LibC.MAP_ANON | extraFlags, -1, 0);
        errno = r < 0 ? Sockets.Bsd.BsdErrno.ToEngine((int)-r) : 0;
        return r < 0 ? null : (byte*)r;
#else
        void* r = LibC.mmap(null, (size_t)(ulong)length, LibC.PROT_READ | LibC.PROT_WRITE,
            LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | extraFlags, -1, 0);
        errno = r == (void*)-1 ? LibC.errno : 0;
        return r == (void*)-1 ? null : (byte*)r;
#endif
    }

    private static nuint AlignUp(nuint value, nuint alignment) => (value + alignment - 1) & ~(alignment - 1);
}
