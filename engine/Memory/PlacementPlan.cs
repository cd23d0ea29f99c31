using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Uring.Engine.Memory;

/// <summary>
/// Which node each reactor's memory goes to: the node of the core it is pinned to. Arenas are bound
/// only where that buys something and can be done: more than one node, and libnuma present. Otherwise
/// the plan says why not (<see cref="Degraded"/>), and memory is placed by first touch, which a pinned
/// reactor thread still makes local to its core.
/// </summary>
public sealed class PlacementPlan
{
    public const string OneNode = "one node: NUMA placement not needed";
    public const string NoLibnuma = "libnuma not found: memory is placed by first touch";

    private PlacementPlan(Topology topology, MemoryFeatures features, IReadOnlyList<ReactorPlacement> reactors, string? degraded)
    {
        Topology = topology;
        Features = features;
        Reactors = reactors;
        Degraded = degraded;
    }

    public Topology Topology { get; }

    public MemoryFeatures Features { get; }

    /// <summary>One entry per reactor, in reactor order.</summary>
    public IReadOnlyList<ReactorPlacement> Reactors { get; }

    /// <summary>Why arenas are not bound (<see cref="OneNode"/>, <see cref="NoLibnuma"/>); null when they are.</summary>
    public string? Degraded { get; }

    /// <summary>Reactor i runs on <c>reactorCores[i]</c>.</summary>
    public static PlacementPlan Create(Topology topology, IReadOnlyList<int> reactorCores, MemoryFeatures features)
    {
        string? degraded = !topology.IsMultiNode ? OneNode : !features.Libnuma ? NoLibnuma : null;
        var reactors = new ReactorPlacement[reactorCores.Count];
        for (int i = 0; i < reactors.Length; i++)
        {
            int node = topology.NodeOfCpu(reactorCores[i]);
            reactors[i] = new ReactorPlacement(i, reactorCores[i], node, degraded == null && node >= 0);
        }
        return new PlacementPlan(topology, features, reactors, degraded);
    }

    /// <summary>The text <c>uringd --topology</c> prints: cores, nodes, the plan, and what the machine offers.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        IReadOnlyList<int> online = Topology.OnlineCpus;
        Line(text, $"cpus online: {CpuList.Format(online)} ({online.Count})");
        Line(text, $"numa nodes: {Topology.Nodes.Count}");
        foreach (NumaNode node in Topology.Nodes)
            Line(text, $"  node {node.Id}: cpus {(node.Cpus.Count == 0 ? "none (memory only)" : CpuList.Format(node.Cpus))}");
        if (Topology.Problem != null) Line(text, $"  (sysfs: {Topology.Problem})");

        Line(text, $"reactors: {Reactors.Count}");
        foreach (ReactorPlacement r in Reactors)
        {
            string node = r.Node >= 0 ? "node " + r.Node.ToString(CultureInfo.InvariantCulture) : "no node listed";
            string placement = r.Bind ? "arena bound to node" : "first touch";
            string offline = online.Contains(r.Cpu) ? "" : " (cpu not online)";
            Line(text, $"  reactor {r.Reactor}: cpu {r.Cpu}{offline}, {node}, {placement}");
        }
        Line(text, "placement: " + (Degraded ?? "each reactor's arena is bound to its core's node (mbind MPOL_PREFERRED)"));

        Line(text, "libnuma: " + (Features.Libnuma ? $"available ({Native.Numa.Library})" : "not found"));
        Line(text, "native heaps: " + DescribeHeaps());
        Line(text, "hugepages: " + DescribeHugeTlb(Features.HugePages));
        Line(text, "transparent hugepages: " + DescribeThp(Features.HugePages));
        Line(text, "arenas: " + DescribeArenaMode(Features.HugePages));
        return text.ToString();
    }

    private string DescribeHeaps()
    {
        if (!Features.Mimalloc) return "NativeMemory (mimalloc not found)";
        return NativeHeap.Resolve(NativeHeapKind.Auto, true) == NativeHeapKind.Mimalloc
            ? $"one mimalloc heap per reactor (mimalloc {Features.MimallocVersionText})"
            : $"NativeMemory (mimalloc {Features.MimallocVersionText} present, not the default)";
    }

    private static string DescribeHugeTlb(HugePageStatus h)
    {
        if (h.PageSize == 0) return "not supported by this kernel";
        string size = ByteSize.Format(h.PageSize);
        return h.Total == 0
            ? $"none reserved ({size} pages; scripts/hugepages.sh N reserves them)"
            : $"{h.Available} of {h.Total} {size} pages free";
    }

    private static string DescribeThp(HugePageStatus h) => h.Thp switch
    {
        ThpMode.Unavailable => "not supported by this kernel",
        ThpMode.Never => "never",
        _ => $"{h.Thp.ToString().ToLowerInvariant()} ({ByteSize.Format(h.ThpPageSize)})",
    };

    /// <summary>The mode an arena small enough to fit gets now; a larger one falls back further (logged at start).</summary>
    private static string DescribeArenaMode(HugePageStatus h)
    {
        if (h.PageSize != 0 && h.Available > 0) return "hugetlb while the pool has room, else transparent hugepages or plain pages";
        if (h.Thp is ThpMode.Always or ThpMode.Madvise) return "transparent hugepages (madvise(MADV_HUGEPAGE) on PMD-aligned regions)";
        return "plain pages";
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
