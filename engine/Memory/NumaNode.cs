using System.Collections.Generic;

namespace Uring.Engine.Memory;

/// <summary>One NUMA node as sysfs lists it: its number and its CPUs (none for a memory-only node).</summary>
public sealed record NumaNode(int Id, IReadOnlyList<int> Cpus);
