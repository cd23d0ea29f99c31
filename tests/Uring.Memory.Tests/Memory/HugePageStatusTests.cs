using Uring.Engine.Memory;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>The hugetlb pool from /proc/meminfo and the THP mode from sysfs, on fabricated files.</summary>
public class HugePageStatusTests
{
    private const string MemInfo =
        "MemTotal:       16384000 kB\n" +
        "AnonHugePages:     10240 kB\n" +
        "HugePages_Total:      16\n" +
        "HugePages_Free:       12\n" +
        "HugePages_Rsvd:        4\n" +
        "HugePages_Surp:        0\n" +
        "Hugepagesize:       2048 kB\n" +
        "Hugetlb:           32768 kB\n";

    [Fact]
    public void Reads_the_pool_and_counts_reserved_pages_as_taken()
    {
        using var fs = new FakeSysfs()
            .Write("proc/meminfo", MemInfo)
            .Write("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n")
            .Write("sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "2097152\n");
        HugePageStatus h = HugePageStatus.Read(fs.Root + "/proc", fs.Root + "/sys");
        Assert.Equal(16, h.Total);
        Assert.Equal(12, h.Free);
        Assert.Equal(4, h.Reserved);
        Assert.Equal(8, h.Available);
        Assert.Equal((nuint)2 * 1024 * 1024, h.PageSize);
        Assert.Equal(ThpMode.Madvise, h.Thp);
        Assert.True(h.CanMapHugeTlb(16 * 1024 * 1024));
        Assert.False(h.CanMapHugeTlb(16 * 1024 * 1024 + 1));
    }

    [Fact]
    public void Without_the_files_there_is_no_hugetlb_and_no_thp()
    {
        using var fs = new FakeSysfs();
        HugePageStatus h = HugePageStatus.Read(fs.Root + "/proc", fs.Root + "/sys");
        Assert.Equal((nuint)0, h.PageSize);
        Assert.Equal(ThpMode.Unavailable, h.Thp);
        Assert.Equal(HugePageStatus.DefaultThpPageSize, h.ThpPageSize);
        Assert.False(h.CanMapHugeTlb(4096));
    }

    [Theory]
    [InlineData("[always] madvise never", ThpMode.Always)]
    [InlineData("always [madvise] never\n", ThpMode.Madvise)]
    [InlineData("always madvise [never]", ThpMode.Never)]
    [InlineData("always madvise never", ThpMode.Unavailable)]
    [InlineData(null, ThpMode.Unavailable)]
    public void Parses_the_bracketed_thp_mode(string? text, ThpMode expected) => Assert.Equal(expected, HugePageStatus.ParseThpMode(text));

    [Fact]
    public void This_machine()
    {
        HugePageStatus h = HugePageStatus.Read();
        Assert.True(h.Total >= 0 && h.Free <= h.Total);
        Assert.NotEqual(ThpMode.Unavailable, h.Thp);
    }
}
