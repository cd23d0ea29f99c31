using System;
using Tmds.Linux;
using Uring.Engine.Memory;
using Xunit;
using static Uring.Native.Numa;

namespace Uring.Memory.Tests.Native;

/// <summary>The libnuma.so.1 binding, checked against sysfs as read by <see cref="Topology"/>.</summary>
public unsafe class NumaTests
{
    [SkippableFact]
    public void The_probe_finds_the_installed_library()
    {
        Skip.IfNot(NativeLibraryFiles.Installed(Library), "libnuma.so.1 is not installed (Debian: libnuma1)");
        Assert.True(IsAvailable);
        Assert.Equal(0, numa_available());
    }

    [SkippableFact]
    public void Agrees_with_sysfs_on_nodes_and_the_node_of_each_cpu()
    {
        Skip.IfNot(IsAvailable, "libnuma.so.1 is not installed");
        Topology topology = Topology.Discover();
        Assert.Equal(topology.Nodes[^1].Id, numa_max_node());
        Assert.InRange(numa_num_configured_nodes(), 1, topology.Nodes.Count);
        foreach (int cpu in topology.OnlineCpus) Assert.Equal(topology.NodeOfCpu(cpu), numa_node_of_cpu(cpu));
        Assert.Equal(-1, numa_node_of_cpu(CpuList.MaxCpu + 1));
    }

    [SkippableFact]
    public void Allocates_on_a_node()
    {
        Skip.IfNot(IsAvailable, "libnuma.so.1 is not installed");
        const nuint size = 1 << 20;
        byte* p = (byte*)numa_alloc_onnode(size, 0);
        Assert.True(p != null);
        new Span<byte>(p, (int)size).Fill(3);
        int node;
        Assert.Equal(0, get_mempolicy(&node, null, 0, p, MPOL_F_NODE | MPOL_F_ADDR));
        Assert.Equal(0, node);
        numa_free(p, size);
    }

    [SkippableFact]
    public void Tonode_memory_binds_a_range()
    {
        Skip.IfNot(IsAvailable, "libnuma.so.1 is not installed");
        const nuint size = 1 << 20;
        void* p = LibC.mmap(null, (size_t)(ulong)size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        Assert.True(p != (void*)-1);
        try
        {
            numa_tonode_memory(p, size, 0);
            int mode;
            ulong mask = 0;
            Assert.Equal(0, get_mempolicy(&mode, &mask, 64 + 1, p, MPOL_F_ADDR));
            Assert.Equal(MPOL_BIND, mode);
            Assert.Equal(1ul, mask);
        }
        finally
        {
            LibC.munmap(p, (size_t)(ulong)size);
        }
    }

    [SkippableFact]
    public void Mbind_reports_errors_as_negative_errno()
    {
        Skip.IfNot(IsAvailable, "libnuma.so.1 is not installed");
        ulong mask = 1;
        // An address that is not page-aligned: the kernel answers EINVAL before looking at the range.
        Assert.Equal(-22, mbind((void*)1, 4096, MPOL_PREFERRED, &mask, 64 + 1, 0));
    }
}
