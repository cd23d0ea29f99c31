using Xunit;

namespace Uring.Memory.Tests;

/// <summary>
/// Tests that change the hugetlb pool (vm.nr_hugepages, machine-wide) or depend on its size run alone,
/// never beside another test of this assembly.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MachineStateCollection
{
    public const string Name = "machine-wide state";
}
