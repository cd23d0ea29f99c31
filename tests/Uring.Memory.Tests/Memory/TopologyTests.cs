using System.Linq;
using Uring.Engine.Memory;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>Topology discovery against fabricated sysfs trees (this machine has one node).</summary>
public class TopologyTests
{
    [Fact]
    public void Two_nodes()
    {
        using var sys = new FakeSysfs().Online("0-7").Node(0, "0-3").Node(1, "4-7").NodeDirectoryFiles();
        Topology t = Topology.Discover(sys.Root);
        Assert.Null(t.Problem);
        Assert.True(t.IsMultiNode);
        Assert.Equal(Enumerable.Range(0, 8), t.OnlineCpus);
        Assert.Equal(new[] { 0, 1 }, t.Nodes.Select(n => n.Id));
        Assert.Equal(new[] { 0, 1, 2, 3 }, t.Nodes[0].Cpus);
        Assert.Equal(new[] { 4, 5, 6, 7 }, t.Nodes[1].Cpus);
        Assert.Equal(0, t.NodeOfCpu(3));
        Assert.Equal(1, t.NodeOfCpu(4));
        Assert.Equal(-1, t.NodeOfCpu(8));
    }

    [Fact]
    public void Four_nodes_with_interleaved_cpu_numbers_as_on_two_socket_smt_machines()
    {
        using var sys = new FakeSysfs().Online("0-31")
            .Node(0, "0-3,16-19").Node(1, "4-7,20-23").Node(2, "8-11,24-27").Node(3, "12-15,28-31");
        Topology t = Topology.Discover(sys.Root);
        Assert.Null(t.Problem);
        Assert.Equal(4, t.Nodes.Count);
        Assert.Equal(32, t.OnlineCpus.Count);
        Assert.Equal(0, t.NodeOfCpu(17));
        Assert.Equal(1, t.NodeOfCpu(5));
        Assert.Equal(2, t.NodeOfCpu(26));
        Assert.Equal(3, t.NodeOfCpu(31));
        Assert.Equal(new[] { 12, 13, 14, 15, 28, 29, 30, 31 }, t.Nodes[3].Cpus);
    }

    [Fact]
    public void Node_ids_may_have_gaps_and_a_node_may_have_memory_only()
    {
        // e.g. node1 offline, node3 a CPU-less memory node (CXL, HBM): its cpulist is an empty line.
        using var sys = new FakeSysfs().Online("0-3").Node(0, "0-1").Node(2, "2-3").Node(3, "");
        Topology t = Topology.Discover(sys.Root);
        Assert.Null(t.Problem);
        Assert.Equal(new[] { 0, 2, 3 }, t.Nodes.Select(n => n.Id));
        Assert.Empty(t.Nodes[2].Cpus);
        Assert.Equal(2, t.NodeOfCpu(3));
    }

    [Fact]
    public void Node_ids_sort_numerically_not_as_text()
    {
        using var sys = new FakeSysfs().Online("0-10");
        for (int n = 0; n <= 10; n++) sys.Node(n, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Topology t = Topology.Discover(sys.Root);
        Assert.Equal(Enumerable.Range(0, 11), t.Nodes.Select(n => n.Id));
        Assert.Equal(10, t.NodeOfCpu(10));
    }

    [Fact]
    public void No_node_directory_is_a_kernel_without_numa_one_clean_node()
    {
        using var sys = new FakeSysfs().Online("0-3");
        Topology t = Topology.Discover(sys.Root);
        Assert.Null(t.Problem);
        Assert.False(t.IsMultiNode);
        NumaNode only = Assert.Single(t.Nodes);
        Assert.Equal(0, only.Id);
        Assert.Equal(new[] { 0, 1, 2, 3 }, only.Cpus);
    }

    [Fact]
    public void A_malformed_cpulist_means_one_node_and_says_which_file()
    {
        using var sys = new FakeSysfs().Online("0-7").Node(0, "0-3").Node(1, "4-x");
        Topology t = Topology.Discover(sys.Root);
        Assert.False(t.IsMultiNode);
        Assert.Equal(Enumerable.Range(0, 8), Assert.Single(t.Nodes).Cpus);
        Assert.Contains("node1", t.Problem);
        Assert.Contains("4-x", t.Problem);
        Assert.Contains("one node assumed", t.Problem);
    }

    [Fact]
    public void A_cpu_claimed_by_two_nodes_means_one_node()
    {
        using var sys = new FakeSysfs().Online("0-7").Node(0, "0-4").Node(1, "4-7");
        Topology t = Topology.Discover(sys.Root);
        Assert.False(t.IsMultiNode);
        Assert.Contains("CPU 4 is listed in both node0 and node1", t.Problem);
    }

    [Fact]
    public void A_node_without_its_cpulist_means_one_node()
    {
        using var sys = new FakeSysfs().Online("0-3").Node(0, "0-1").Write("devices/system/node/node1/meminfo", "");
        Topology t = Topology.Discover(sys.Root);
        Assert.False(t.IsMultiNode);
        Assert.Contains("node1", t.Problem);
    }

    [Fact]
    public void An_empty_node_directory_means_one_node()
    {
        using var sys = new FakeSysfs().Online("0-1").NodeDirectoryFiles();
        Topology t = Topology.Discover(sys.Root);
        Assert.Single(t.Nodes);
        Assert.Contains("no usable node", t.Problem);
    }

    [Fact]
    public void Without_cpu_online_the_cpus_of_the_nodes_are_taken()
    {
        using var sys = new FakeSysfs().Node(0, "0-1").Node(1, "2-3");
        Topology t = Topology.Discover(sys.Root);
        Assert.True(t.IsMultiNode);
        Assert.Equal(new[] { 0, 1, 2, 3 }, t.OnlineCpus);
        Assert.Contains("online CPUs taken as 0-3", t.Problem);
    }

    [Fact]
    public void A_missing_tree_still_gives_one_node_of_the_processors_dotnet_sees()
    {
        using var sys = new FakeSysfs();
        Topology t = Topology.Discover(sys.Root);
        Assert.Equal(System.Environment.ProcessorCount, Assert.Single(t.Nodes).Cpus.Count);
        Assert.NotNull(t.Problem);
    }

    [Fact]
    public void This_machine_every_online_cpu_has_a_node()
    {
        Topology t = Topology.Discover();
        Assert.Null(t.Problem);
        Assert.NotEmpty(t.Nodes);
        Assert.All(t.OnlineCpus, cpu => Assert.True(t.NodeOfCpu(cpu) >= 0, $"cpu {cpu} has no node"));
    }
}
