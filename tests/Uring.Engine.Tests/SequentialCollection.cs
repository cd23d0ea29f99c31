using Xunit;

namespace Uring.Engine.Tests;

/// <summary>Tests that change machine-wide state (a sysctl) or count the process's descriptors run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialCollection
{
    public const string Name = "sequential";
}
