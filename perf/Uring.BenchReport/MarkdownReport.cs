using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Uring.BenchReport;

/// <summary>
/// results.md: a summary grid shaped like ../shared/PERF.md's table (workload × server, "rate,
/// CPU-µs per request"), then every run with its latency, errors and memory, then failures.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(BenchResults results, string chartFileName)
    {
        var md = new StringBuilder();
        string unit = results.Unit;
        List<string> servers = Servers(results);
        List<string> workloads = results.Runs.Select(r => r.Workload).Distinct().ToList();

        md.AppendLine($"# Benchmark results, {results.StartedAt}{(results.Quick ? " (quick)" : "")}");
        md.AppendLine();
        md.AppendLine($"{results.Host.Kernel}, {results.Host.Cpu}, {results.Host.Cpus} CPUs. Server on CPU {results.ServerCores}, "
            + $"load generator on CPU {results.LoadCores}; {results.WarmupSeconds} s warm-up, {results.DurationSeconds} s measured per workload. "
            + $"CPU-µs/{unit} = server utime+stime (all its processes, /proc) ÷ {unit}s. "
            + "\"server core\" splits the server cores' time over the run: the server / other processes (above ~10% the figures are noisy) / irq+softirq.");
        md.AppendLine();

        md.AppendLine($"## {unit}s/s and server CPU-µs per {unit}");
        md.AppendLine();
        md.AppendLine("| workload | " + string.Join(" | ", servers) + " |");
        md.AppendLine("|---|" + string.Concat(servers.Select(_ => "---|")));
        foreach (string workload in workloads)
        {
            RunResult first = results.Runs.First(r => r.Workload == workload);
            md.Append($"| {workload} ({first.Tool}) |");
            foreach (string server in servers)
            {
                RunResult? run = results.Runs.FirstOrDefault(r => r.Server == server && r.Workload == workload);
                md.Append(' ').Append(SummaryCell(run)).Append(" |");
            }
            md.AppendLine();
        }
        md.AppendLine();
        md.AppendLine($"![{unit}s/s and CPU-µs per {unit}]({chartFileName})");
        md.AppendLine();

        md.AppendLine("## All runs");
        md.AppendLine();
        md.AppendLine($"| server | workload | tool | conns | depth | {unit}s/s | p50 | p99 | errors | CPU-µs/{unit} | server core: server / others / irq | peak RSS | status |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (RunResult r in results.Runs)
        {
            string errors = r.Errors is null ? "—" : r.Errors.Total == 0 ? "0" : $"{r.Errors.Socket} socket, {r.Errors.Non2xx} non-2xx, {r.Errors.Other} other";
            string status = r.Note.Length == 0 ? r.Status : $"{r.Status}: {r.Note}";
            md.AppendLine($"| {r.Server} | {r.Workload} | {r.Tool} | {r.Connections} | {r.Depth} | "
                + $"{(r.Rps is double rps ? Format.Rate(rps) : "—")} | {Format.Latency(r.LatencyP50Us)} | {Format.Latency(r.LatencyP99Us)} | "
                + $"{errors} | {Format.Micros(r.CpuUsPerRequest)} | {Format.Percent(r.ServerCpuPct)} / {Format.Percent(r.OtherTasksPct)} / {Format.Percent(r.IrqPct)} | "
                + $"{Format.Megabytes(r.PeakRssKb)} | {status} |");
        }
        md.AppendLine();

        md.AppendLine("## Servers");
        md.AppendLine();
        foreach (ServerInfo s in results.Servers)
            md.AppendLine($"- **{s.Name}**: {s.Version}, port {s.Port}{(s.H2Port is int h2 ? $", h2c port {h2}" : "")}{(s.Note.Length > 0 ? $"; {s.Note}" : "")}");
        md.AppendLine();

        if (results.Failures.Count > 0)
        {
            md.AppendLine("## Failures");
            md.AppendLine();
            foreach (string f in results.Failures) md.AppendLine($"- {f}");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>Servers in the order they ran, including any that failed before registering.</summary>
    public static List<string> Servers(BenchResults results)
        => results.Servers.Select(s => s.Name).Concat(results.Runs.Select(r => r.Server)).Distinct().ToList();

    private static string SummaryCell(RunResult? run) => run switch
    {
        null => "—",
        { Measured: true } => $"{Format.Rate(run.Rps!.Value)}/s, {Format.Micros(run.CpuUsPerRequest)} µs{(run.Status == "ok" ? "" : $" ({run.Status})")}",
        _ => run.Status,
    };
}
