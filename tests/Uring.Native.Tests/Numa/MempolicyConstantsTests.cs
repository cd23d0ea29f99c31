using Xunit;

namespace Uring.Native.Tests;

/// <summary>The memory-policy constants of native/Numa against include/uapi/linux/mempolicy.h (checked with
/// a C program against the 6.1 uapi header).</summary>
public sealed class Mempolicy_constants
{
    /// <summary>enum { MPOL_DEFAULT, ... }: a mode is its position in the enum.</summary>
    [Theory]
    [InlineData(nameof(Numa.MPOL_DEFAULT), 0)]
    [InlineData(nameof(Numa.MPOL_PREFERRED), 1)]
    [InlineData(nameof(Numa.MPOL_BIND), 2)]
    [InlineData(nameof(Numa.MPOL_INTERLEAVE), 3)]
    [InlineData(nameof(Numa.MPOL_LOCAL), 4)]
    [InlineData(nameof(Numa.MPOL_PREFERRED_MANY), 5)]
    public void Modes(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(Numa), name));

    /// <summary>Mode flags (or'ed into the mode), get_mempolicy(2) flags, mbind(2) flags.</summary>
    [Theory]
    [InlineData(nameof(Numa.MPOL_F_STATIC_NODES), 1 << 15)]
    [InlineData(nameof(Numa.MPOL_F_RELATIVE_NODES), 1 << 14)]
    [InlineData(nameof(Numa.MPOL_F_NUMA_BALANCING), 1 << 13)]
    [InlineData(nameof(Numa.MPOL_F_NODE), 1 << 0)]
    [InlineData(nameof(Numa.MPOL_F_ADDR), 1 << 1)]
    [InlineData(nameof(Numa.MPOL_F_MEMS_ALLOWED), 1 << 2)]
    [InlineData(nameof(Numa.MPOL_MF_STRICT), 1 << 0)]
    [InlineData(nameof(Numa.MPOL_MF_MOVE), 1 << 1)]
    [InlineData(nameof(Numa.MPOL_MF_MOVE_ALL), 1 << 2)]
    public void Flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(Numa), name));
}
