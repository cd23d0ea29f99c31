using System.Collections.Generic;

namespace Uring.BenchReport;

/// <summary>
/// One run of scripts/bench.sh or scripts/bench-echo.sh, as written to results.json (schema 1).
/// <see cref="Unit"/> names what a "request" is: "request" for HTTP, "message" for echo.
/// </summary>
public sealed record BenchResults(
    int Schema,
    string StartedAt,
    bool Quick,
    int DurationSeconds,
    int WarmupSeconds,
    string ServerCores,
    string LoadCores,
    int ClockTicksPerSecond,
    HostInfo Host,
    List<ServerInfo> Servers,
    List<RunResult> Runs,
    List<string> Failures,
    string Unit = "request");

public sealed record HostInfo(string Kernel, string Cpu, int Cpus);

public sealed record ServerInfo(string Name, string Version, int Port, int? H2Port, string Note);

/// <summary>
/// One server × one workload. The measured fields are null when <see cref="Status"/> is
/// "skipped" (the server does not serve that workload) or the load generator failed.
/// How the server cores spent the run, in percent of their time: <see cref="ServerCpuPct"/> in
/// the server, <see cref="OtherTasksPct"/> in other processes (a shared, noisy core),
/// <see cref="IrqPct"/> in irq/softirq (network work charged to no process), <see cref="StealPct"/>
/// taken by the hypervisor.
/// </summary>
public sealed record RunResult(
    string Server,
    string Workload,
    string Tool,
    string Url,
    int Connections,
    int Depth,
    string Status,
    string Note,
    double? Seconds = null,
    long? Requests = null,
    double? Rps = null,
    double? LatencyP50Us = null,
    double? LatencyP99Us = null,
    RunErrors? Errors = null,
    double? ServerCpuUs = null,
    double? CpuUsPerRequest = null,
    double? ServerCpuPct = null,
    double? OtherTasksPct = null,
    double? IrqPct = null,
    double? StealPct = null,
    long? PeakRssKb = null,
    string? Raw = null)
{
    public bool Measured => Rps is not null;
}

/// <summary>Socket errors (connect/read/write/timeout), non-2xx responses, anything else.</summary>
public sealed record RunErrors(long Socket, long Non2xx, long Other)
{
    public long Total => Socket + Non2xx + Other;
}
