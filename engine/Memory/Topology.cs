using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Uring.Engine.Memory;

/// <summary>
/// The machine's CPUs and NUMA nodes as sysfs describes them (Documentation/ABI/stable/sysfs-devices-node):
/// <c>devices/system/cpu/online</c> and one <c>devices/system/node/nodeN/cpulist</c> per node. Read
/// from files rather than asked of libnuma, so it works where libnuma is absent and tests can point
/// it at a fabricated tree. A kernel built without CONFIG_NUMA has no node directory: that is one
/// node. A tree that cannot be read or parsed is also taken as one node, and <see cref="Problem"/>
/// says why, so start-up never fails over placement, which is only an optimisation.
/// </summary>
public sealed class Topology
{
    public const string DefaultSysfsRoot = "/sys";

    private readonly Dictionary<int, int> _nodeOfCpu = new();

    public Topology(IReadOnlyList<int> onlineCpus, IReadOnlyList<NumaNode> nodes, string? problem = null)
    {
        OnlineCpus = onlineCpus;
        Nodes = nodes;
        Problem = problem;
        foreach (NumaNode node in nodes)
            foreach (int cpu in node.Cpus)
                _nodeOfCpu[cpu] = node.Id;
    }

    /// <summary>The CPUs online now, ascending.</summary>
    public IReadOnlyList<int> OnlineCpus { get; }

    /// <summary>The nodes, by ascending id (ids may have gaps).</summary>
    public IReadOnlyList<NumaNode> Nodes { get; }

    /// <summary>Why the tree was not taken as sysfs gave it (one node assumed, or online CPUs guessed); null when it was.</summary>
    public string? Problem { get; }

    public bool IsMultiNode => Nodes.Count > 1;

    /// <summary>The node whose cpulist holds <paramref name="cpu"/>, or -1 when none does.</summary>
    public int NodeOfCpu(int cpu) => _nodeOfCpu.TryGetValue(cpu, out int node) ? node : -1;

    /// <summary>Reads the topology under <paramref name="sysfsRoot"/> (the directory where sysfs is mounted).</summary>
    public static Topology Discover(string sysfsRoot = DefaultSysfsRoot)
    {
        var problems = new List<string>();
        string cpuDir = Path.Combine(sysfsRoot, "devices", "system", "cpu");
        string nodeDir = Path.Combine(sysfsRoot, "devices", "system", "node");

        int[]? online = ReadCpuList(Path.Combine(cpuDir, "online"), problems);
        List<NumaNode>? nodes = Directory.Exists(nodeDir) ? ReadNodes(nodeDir, problems) : null;

        if (online == null)
        {
            var union = new SortedSet<int>();
            foreach (NumaNode node in nodes ?? new List<NumaNode>()) union.UnionWith(node.Cpus);
            online = union.Count > 0 ? new List<int>(union).ToArray() : FirstCpus(Environment.ProcessorCount);
            problems.Add($"online CPUs taken as {CpuList.Format(online)}");
        }
        if (nodes == null || nodes.Count == 0)
        {
            if (nodes != null) problems.Add($"no usable node under {nodeDir}: one node assumed");
            nodes = new List<NumaNode> { new(0, online) };
        }
        return new Topology(online, nodes, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>The nodeN directories, or null (one node to be assumed) when any of them is unreadable
    /// or malformed, or two claim the same CPU: a half-read tree would place memory wrongly.</summary>
    private static List<NumaNode>? ReadNodes(string nodeDir, List<string> problems)
    {
        var ids = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories(nodeDir, "node*"))
        {
            string name = Path.GetFileName(dir);
            if (int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int id)) ids.Add(id);
        }
        ids.Sort();
        var nodes = new List<NumaNode>(ids.Count);
        var owner = new Dictionary<int, int>();
        foreach (int id in ids)
        {
            int[]? cpus = ReadCpuList(Path.Combine(nodeDir, "node" + id.ToString(CultureInfo.InvariantCulture), "cpulist"), problems);
            if (cpus == null) return Abandon(problems);
            foreach (int cpu in cpus)
            {
                if (owner.TryGetValue(cpu, out int other))
                {
                    problems.Add($"CPU {cpu} is listed in both node{other} and node{id}");
                    return Abandon(problems);
                }
                owner[cpu] = id;
            }
            nodes.Add(new NumaNode(id, cpus));
        }
        return nodes;
    }

    private static List<NumaNode>? Abandon(List<string> problems)
    {
        problems.Add("one node assumed");
        return null;
    }

    private static int[]? ReadCpuList(string path, List<string> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot read {path} ({e.GetType().Name})");
            return null;
        }
        if (CpuList.TryParse(text, out int[] cpus, out string? error)) return cpus;
        problems.Add($"{path}: {error}");
        return null;
    }

    private static int[] FirstCpus(int count)
    {
        var cpus = new int[count];
        for (int i = 0; i < count; i++) cpus[i] = i;
        return cpus;
    }
}
