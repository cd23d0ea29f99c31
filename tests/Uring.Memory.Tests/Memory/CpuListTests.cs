using System;
using Uring.Engine.Memory;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>The kernel's cpulist text, as sysfs prints it.</summary>
public class CpuListTests
{
    [Theory]
    [InlineData("0", new[] { 0 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0-3,8-11\n", new[] { 0, 1, 2, 3, 8, 9, 10, 11 })]
    [InlineData("1,3,5", new[] { 1, 3, 5 })]
    [InlineData("4-5,0-1", new[] { 0, 1, 4, 5 })]
    [InlineData("0-2,1-3", new[] { 0, 1, 2, 3 })]
    [InlineData("", new int[0])]
    [InlineData("\n", new int[0])]
    public void Parses_single_cpus_and_ranges(string text, int[] expected) => Assert.Equal(expected, CpuList.Parse(text));

    [Theory]
    [InlineData("a")]
    [InlineData("0-")]
    [InlineData("-3")]
    [InlineData("3-1")]
    [InlineData("0,,1")]
    [InlineData("0-7:2/4")] // the boot-parameter stride form, never printed by sysfs
    [InlineData("+1")]
    [InlineData("0-99999999")] // beyond NR_CPUS: corrupt, and must not allocate a hundred million entries
    public void Refuses_what_is_not_a_cpulist(string text)
    {
        Assert.False(CpuList.TryParse(text, out _, out string? error));
        Assert.Contains(text.Trim().Split(',')[0], error);
        Assert.Throws<FormatException>(() => CpuList.Parse(text));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 8, 9, 10, 11 }, "0-3,8-11")]
    [InlineData(new[] { 5 }, "5")]
    [InlineData(new[] { 3, 1, 2, 2 }, "1-3")]
    [InlineData(new[] { 0, 2, 4 }, "0,2,4")]
    [InlineData(new int[0], "")]
    public void Formats_as_the_kernel_does(int[] cpus, string expected)
    {
        Assert.Equal(expected, CpuList.Format(cpus));
        Assert.Equal(CpuList.Parse(expected), CpuList.Parse(CpuList.Format(cpus)));
    }
}
