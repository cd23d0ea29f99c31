using System;
using System.Globalization;
using System.IO;
using Uring.Engine.Memory;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>
/// The hugetlb arena mode against the real pool. The first test reserves pages itself (root only) and
/// puts vm.nr_hugepages back in a finally; both depend on the pool's size, so they run alone.
/// </summary>
[Collection(MachineStateCollection.Name)]
public unsafe class HugeTlbArenaTests
{
    private const string NrHugepages = "/proc/sys/vm/nr_hugepages";
    private const string NrOvercommit = "/proc/sys/vm/nr_overcommit_hugepages";
    private const long PagesWanted = 4;

    [SkippableFact]
    public void With_pages_reserved_the_arena_is_hugetlb_end_to_end()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "reserving hugepages (writing vm.nr_hugepages) needs root");
        HugePageStatus before = HugePageStatus.Read();
        Skip.If(before.PageSize == 0, "this kernel has no hugetlb support");
        string original = File.ReadAllText(NrHugepages).Trim();
        try
        {
            long target = long.Parse(original, CultureInfo.InvariantCulture) + PagesWanted;
            File.WriteAllText(NrHugepages, target.ToString(CultureInfo.InvariantCulture));
            HugePageStatus reserved = HugePageStatus.Read();
            // The kernel reserves what it can find contiguous; on fragmented memory that can be fewer.
            Skip.If(reserved.Available < PagesWanted, $"the kernel found only {reserved.Available} free huge pages of {PagesWanted} asked for");

            nuint size = (nuint)(PagesWanted * (long)reserved.PageSize) - 12345;
            using (ArenaMapping arena = ArenaAllocator.Map(size, -1, reserved))
            {
                Assert.Equal(ArenaMode.HugeTlb, arena.Mode);
                Assert.Empty(arena.Fallbacks);
                Assert.Equal((nuint)PagesWanted * reserved.PageSize, arena.Size);
                Assert.Equal(0ul, (ulong)arena.Base % (ulong)reserved.PageSize);
                // mmap reserved the pages (HugePages_Rsvd) without faulting any in.
                Assert.Equal(reserved.Reserved + PagesWanted, HugePageStatus.Read().Reserved);

                Fill.WriteAndVerify(arena.Base, arena.Size);
                var smaps = Smaps.Of(arena.Base);
                Assert.Equal((long)reserved.PageSize / 1024, smaps["KernelPageSize"]);
                Assert.Equal(PagesWanted * (long)reserved.PageSize / 1024, smaps["Private_Hugetlb"]);
                Assert.Equal(reserved.Free - PagesWanted, HugePageStatus.Read().Free);
                Assert.Contains("arena: hugetlb, placed by first touch", arena.Describe());
            }
            Assert.Equal(reserved.Free, HugePageStatus.Read().Free); // all pages back in the pool

            // Forcing the mode with the pool in use is refused, not silently downgraded.
            var e = Assert.Throws<InvalidOperationException>(() => ArenaAllocator.Map((nuint)(PagesWanted + 1) * reserved.PageSize, -1, HugePageStatus.Read(), ArenaMode.HugeTlb));
            Assert.Contains("needed", e.Message);
        }
        finally
        {
            File.WriteAllText(NrHugepages, original);
        }
        Assert.Equal(original, File.ReadAllText(NrHugepages).Trim());
    }

    [SkippableFact]
    public void When_the_pool_empties_after_the_snapshot_mmap_says_ENOMEM_and_the_arena_falls_back()
    {
        HugePageStatus real = HugePageStatus.Read();
        Skip.If(real.PageSize == 0, "this kernel has no hugetlb support");
        Skip.If(File.ReadAllText(NrOvercommit).Trim() != "0", "vm.nr_overcommit_hugepages is set, so the kernel may add surplus pages");
        // A snapshot claiming one page more than the pool has: as if another process took it since.
        long pages = real.Available + 1;
        HugePageStatus stale = real with { Total = real.Total + 1, Free = real.Free + 1 };
        using ArenaMapping arena = ArenaAllocator.Map((nuint)pages * real.PageSize, -1, stale);
        Assert.NotEqual(ArenaMode.HugeTlb, arena.Mode);
        Assert.Contains("hugetlb: mmap(MAP_HUGETLB) failed: ENOMEM", arena.Fallbacks);
        Fill.WriteAndVerify(arena.Base, arena.Size);
    }
}
