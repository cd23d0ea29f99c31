using Uring.Engine.Memory;
using Xunit;

namespace Uring.Memory.Tests.Memory;

/// <summary>Which node each reactor's memory goes to, and the text <c>uringd --topology</c> prints.</summary>
public class PlacementPlanTests
{
    private static readonly HugePageStatus NoPool = new(0, 0, 0, 2 * 1024 * 1024, ThpMode.Madvise, 2 * 1024 * 1024);
    private static readonly MemoryFeatures Everything = new(Libnuma: true, MimallocVersion: 209, NoPool);

    private static Topology TwoNodes() => new(new[] { 0, 1, 2, 3, 4, 5, 6, 7 },
        new[] { new NumaNode(0, new[] { 0, 1, 2, 3 }), new NumaNode(1, new[] { 4, 5, 6, 7 }) });

    [Fact]
    public void Two_nodes_with_libnuma_binds_each_arena_to_its_cores_node()
    {
        PlacementPlan plan = PlacementPlan.Create(TwoNodes(), new[] { 1, 5, 2 }, Everything);
        Assert.Null(plan.Degraded);
        Assert.Equal(new[]
        {
            new ReactorPlacement(0, 1, 0, true),
            new ReactorPlacement(1, 5, 1, true),
            new ReactorPlacement(2, 2, 0, true),
        }, plan.Reactors);
        Assert.Equal(1, plan.Reactors[1].ArenaNode);
        string text = plan.Describe();
        Assert.Contains("numa nodes: 2", text);
        Assert.Contains("node 1: cpus 4-7", text);
        Assert.Contains("reactor 1: cpu 5, node 1, arena bound to node", text);
        Assert.Contains("placement: each reactor's arena is bound to its core's node", text);
    }

    [Fact]
    public void Four_nodes_from_sysfs()
    {
        using var sys = new FakeSysfs().Online("0-15").Node(0, "0-3").Node(1, "4-7").Node(2, "8-11").Node(3, "12-15");
        PlacementPlan plan = PlacementPlan.Create(Topology.Discover(sys.Root), new[] { 0, 4, 8, 12 }, Everything);
        Assert.Equal(new[] { 0, 1, 2, 3 }, System.Linq.Enumerable.Select(plan.Reactors, r => r.ArenaNode));
    }

    [Fact]
    public void Two_nodes_without_libnuma_degrade_to_first_touch_and_say_so()
    {
        PlacementPlan plan = PlacementPlan.Create(TwoNodes(), new[] { 0, 4 }, Everything with { Libnuma = false });
        Assert.Equal(PlacementPlan.NoLibnuma, plan.Degraded);
        Assert.All(plan.Reactors, r => Assert.Equal(-1, r.ArenaNode));
        Assert.Equal(1, plan.Reactors[1].Node); // still reported, for the log
        string text = plan.Describe();
        Assert.Contains("placement: libnuma not found: memory is placed by first touch", text);
        Assert.Contains("libnuma: not found", text);
        Assert.Contains("reactor 1: cpu 4, node 1, first touch", text);
    }

    [Fact]
    public void One_node_needs_no_placement()
    {
        var one = new Topology(new[] { 0, 1 }, new[] { new NumaNode(0, new[] { 0, 1 }) });
        PlacementPlan plan = PlacementPlan.Create(one, new[] { 0, 1 }, Everything);
        Assert.Equal(PlacementPlan.OneNode, plan.Degraded);
        Assert.All(plan.Reactors, r => Assert.False(r.Bind));
        Assert.Contains("placement: one node: NUMA placement not needed", plan.Describe());
    }

    [Fact]
    public void A_core_no_node_lists_is_left_to_first_touch()
    {
        PlacementPlan plan = PlacementPlan.Create(TwoNodes(), new[] { 0, 9 }, Everything);
        Assert.Equal(new ReactorPlacement(1, 9, -1, false), plan.Reactors[1]);
        Assert.Contains("reactor 1: cpu 9 (cpu not online), no node listed, first touch", plan.Describe());
    }

    [Fact]
    public void Describes_heaps_hugepages_and_the_arena_mode()
    {
        var one = new Topology(new[] { 0 }, new[] { new NumaNode(0, new[] { 0 }) });
        string text = PlacementPlan.Create(one, new[] { 0 }, Everything).Describe();
        Assert.Contains("cpus online: 0 (1)", text);
        Assert.Contains("native heaps: one mimalloc heap per reactor (mimalloc 2.0.9)", text);
        Assert.Contains("hugepages: none reserved (2 MiB pages; scripts/hugepages.sh N reserves them)", text);
        Assert.Contains("transparent hugepages: madvise (2 MiB)", text);
        Assert.Contains("arenas: transparent hugepages", text);

        var pool = Everything with { MimallocVersion = 0, HugePages = NoPool with { Total = 8, Free = 8 } };
        text = PlacementPlan.Create(one, new[] { 0 }, pool).Describe();
        Assert.Contains("native heaps: NativeMemory (mimalloc not found)", text);
        Assert.Contains("hugepages: 8 of 8 2 MiB pages free", text);
        Assert.Contains("arenas: hugetlb", text);

        var none = Everything with { HugePages = new HugePageStatus(0, 0, 0, 0, ThpMode.Never, HugePageStatus.DefaultThpPageSize) };
        text = PlacementPlan.Create(one, new[] { 0 }, none).Describe();
        Assert.Contains("hugepages: not supported by this kernel", text);
        Assert.Contains("arenas: plain pages", text);
    }

    [Fact]
    public void A_topology_problem_is_shown()
    {
        using var sys = new FakeSysfs().Online("0-1").Node(0, "zero");
        string text = PlacementPlan.Create(Topology.Discover(sys.Root), new[] { 0 }, Everything).Describe();
        Assert.Contains("(sysfs: ", text);
        Assert.Contains("zero", text);
    }

    [Fact]
    public void This_machine()
    {
        PlacementPlan plan = PlacementPlan.Create(Topology.Discover(), new[] { 0 }, MemoryFeatures.Detect());
        string text = plan.Describe();
        Assert.Contains("reactor 0: cpu 0", text);
        if (NativeLibraryFiles.Installed(Uring.Native.Numa.Library)) Assert.Contains("libnuma: available", text);
    }
}
