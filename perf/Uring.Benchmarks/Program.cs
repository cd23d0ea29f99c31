using BenchmarkDotNet.Running;

namespace Uring.Benchmarks;

/// <summary>
/// Entry point: BenchmarkSwitcher picks every [Benchmark] class in this assembly, so a new
/// component's benchmarks only need a file in its folder (and a ProjectReference), never a change here.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
