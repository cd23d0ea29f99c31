using System;
using Uring.Engine.Memory;
using Uring.Native;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>
/// Arena modes that need no privilege: THP and plain, forced and chosen, and NUMA binding on this
/// machine's node 0. What backs each arena is read back from /proc/self/smaps, not taken on trust.
/// </summary>
public unsafe class ArenaAllocatorTests
{
    private const nuint MiB = 1024 * 1024;

    private static HugePageStatus NoPool(ThpMode thp) => new(0, 0, 0, 2 * MiB, thp, 2 * MiB);

    [SkippableFact]
    public void Without_a_pool_the_best_mode_is_thp_aligned_and_rounded_to_the_pmd_size()
    {
        HugePageStatus here = HugePageStatus.Read();
        Skip.If(here.Thp is not (ThpMode.Always or ThpMode.Madvise), "THP is disabled on this machine");
        using ArenaMapping arena = ArenaAllocator.Map(3 * MiB + 5, -1, here with { Total = 0, Free = 0 });
        Assert.Equal(ArenaMode.TransparentHugePages, arena.Mode);
        Assert.Equal(4 * MiB, arena.Size);
        Assert.Equal(0ul, (ulong)arena.Base % (ulong)here.ThpPageSize);
        Assert.Contains(arena.Fallbacks, f => f.StartsWith("hugetlb: 0 of 0 pages free", StringComparison.Ordinal));
        Fill.WriteAndVerify(arena.Base, arena.Size);
        var smaps = Smaps.Of(arena.Base);
        Assert.Equal(4 * 1024, smaps["Size"]); // exactly the aligned range: the slack was unmapped
        Assert.Equal(1, smaps["THPeligible"]);
        Assert.True(smaps["AnonHugePages"] > 0, "AnonHugePages=" + smaps["AnonHugePages"]);
    }

    [Fact]
    public void Plain_is_plain_even_where_thp_is_always()
    {
        using ArenaMapping arena = ArenaAllocator.Map(4 * MiB, -1, HugePageStatus.Read() with { Total = 0, Free = 0 }, ArenaMode.Plain);
        Assert.Equal(ArenaMode.Plain, arena.Mode);
        Assert.Equal(4 * MiB, arena.Size);
        Fill.WriteAndVerify(arena.Base, arena.Size);
        var smaps = Smaps.Of(arena.Base);
        Assert.Equal(4, smaps["KernelPageSize"]);
        Assert.Equal(0, smaps["AnonHugePages"]);
        Assert.Equal(0, smaps["THPeligible"]);
    }

    [Fact]
    public void Plain_rounds_to_the_base_page_size()
    {
        using ArenaMapping arena = ArenaAllocator.Map(10, -1, NoPool(ThpMode.Never));
        Assert.Equal(ArenaMode.Plain, arena.Mode);
        Assert.Equal((nuint)Environment.SystemPageSize, arena.Size);
        Assert.Contains("THP: disabled (never)", arena.Fallbacks);
        Fill.WriteAndVerify(arena.Base, arena.Size);
    }

    [Fact]
    public void A_forced_mode_that_cannot_be_had_throws_instead_of_falling_back()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ArenaAllocator.Map(4 * MiB, -1, NoPool(ThpMode.Madvise), ArenaMode.HugeTlb));
        Assert.Contains("HugeTlb", e.Message);
        Assert.Contains("0 of 0 pages free, 2 needed", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => ArenaAllocator.Map(4 * MiB, -1, NoPool(ThpMode.Never), ArenaMode.TransparentHugePages));
        Assert.Contains("disabled (never)", e.Message);
    }

    [Fact]
    public void Dispose_unmaps_the_whole_range()
    {
        ArenaMapping arena = ArenaAllocator.Map(2 * MiB, -1, NoPool(ThpMode.Madvise));
        byte* p = arena.Base;
        arena.Dispose();
        arena.Dispose();
        Assert.True(arena.Base == null);
        Assert.Throws<InvalidOperationException>(() => Smaps.Of(p));
        Assert.Throws<InvalidOperationException>(() => Smaps.Of(p + 2 * MiB - 1));
    }

    [SkippableFact]
    public void Binds_to_a_node_preferred_and_the_pages_land_there()
    {
        Skip.IfNot(Numa.IsAvailable, "libnuma is not installed");
        using ArenaMapping arena = ArenaAllocator.Map(4 * MiB, 0, NoPool(ThpMode.Madvise));
        Assert.True(arena.NumaBound);
        Assert.Equal(0, arena.Node);
        Assert.DoesNotContain(arena.Fallbacks, f => f.StartsWith("not bound", StringComparison.Ordinal));
        Fill.WriteAndVerify(arena.Base, arena.Size);

        int mode;
        ulong mask = 0;
        Assert.Equal(0, Numa.get_mempolicy(&mode, &mask, 64 + 1, arena.Base, Numa.MPOL_F_ADDR));
        Assert.Equal(Numa.MPOL_PREFERRED, mode);
        Assert.Equal(1ul, mask);
        int node;
        Assert.Equal(0, Numa.get_mempolicy(&node, null, 0, arena.Base + arena.Size - 1, Numa.MPOL_F_NODE | Numa.MPOL_F_ADDR));
        Assert.Equal(0, node);
        Assert.StartsWith("4 MiB arena: transparent hugepages, bound to node 0 (hugetlb: 0 of 0 pages free", arena.Describe());
    }

    [SkippableFact]
    public void A_node_that_does_not_exist_leaves_the_arena_unbound_and_says_why()
    {
        Skip.IfNot(Numa.IsAvailable, "libnuma is not installed");
        Skip.If(Numa.numa_max_node() >= 70, "this machine has a node 70");
        using ArenaMapping arena = ArenaAllocator.Map(MiB, 70, NoPool(ThpMode.Never));
        Assert.False(arena.NumaBound);
        Assert.Contains("not bound to node 70: mbind failed: EINVAL", arena.Fallbacks);
        Fill.WriteAndVerify(arena.Base, arena.Size);
        Assert.Contains("placed by first touch", arena.Describe());
    }

    [Fact]
    public void Zero_bytes_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => ArenaAllocator.Map(0, -1, NoPool(ThpMode.Never)));
}
