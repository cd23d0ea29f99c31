using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CommandLine;
using Uring.ConnHold;
using Uring.Engine;

// Uring.ConnHold: opens N idle keep-alive connections for scripts/bench-memory.sh, or (--probe)
// times a server's first response. stdout carries only the lines the script reads:
//   ready N | short REASON | lost REASON (the first 10) | closed N [(K lost while idle)] |
//   probing | first-response UNIX_MICROS
// Everything for people goes to stderr.

ParserResult<ConnHoldOptions> parsed = Parser.Default.ParseArguments<ConnHoldOptions>(args);
if (parsed is not Parsed<ConnHoldOptions> { Value: ConnHoldOptions options })
    return 2;
if (options.Validate() is string problem)
    return Usage(problem);
if (!IPAddress.TryParse(options.Host, out IPAddress? host) || host.AddressFamily != AddressFamily.InterNetwork)
    return Usage($"--host {options.Host} is not an IPv4 address");
IPAddress[]? sources = SourceAddresses.Parse(options.Sources, out string? sourceProblem);
if (sources is null)
    return Usage($"--sources: {sourceProblem}");

var server = new IPEndPoint(host, options.Port);
IExchange exchange = options.Protocol == "http" ? new HttpExchange(options.Path) : new EchoExchange();
Console.Out.NewLine = "\n";

if (options.Probe)
    return ColdStartProbe.Run(server, exchange, options.TimeoutSeconds);

// Every connection is a descriptor: raise the soft limit to the hard one (as uringd does).
ulong fdLimit = ResourceLimits.Raise();
const int ReservedFds = 64; // stdio, epoll, the runtime's own
if (!options.BestEffort && (ulong)options.Connections + ReservedFds > fdLimit)
    return Usage($"{options.Connections} connections need {options.Connections + ReservedFds} descriptors, but this process may open {fdLimit} " +
        "(RLIMIT_NOFILE hard limit); run several processes (scripts/bench-memory.sh splits the connections by itself)");

using var stop = new StopSignal();
using var holder = new ConnectionHolder(server, sources, exchange, options.Connections, options.Concurrency,
    options.TimeoutSeconds, options.BestEffort, fdLimit);

void Report(string line)
{
    Console.Out.WriteLine(line);
    Console.Out.Flush();
}
// The first few lost connections are named; a server that dies loses them all, and the count is
// in the closing line and on stderr.
int lostReported = 0;
void Lost(string why)
{
    if (lostReported++ < 10) Report($"lost {why}");
}
void Note(string text) => Console.Error.WriteLine($"Uring.ConnHold: {text}");

long start = Stopwatch.GetTimestamp();
bool opened = holder.Open(stop, Lost);
double openSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
Note(string.Create(CultureInfo.InvariantCulture,
    $"{holder.Ready} of {options.Connections} connections to {server} open and idle in {openSeconds:0.00} s ({holder.Ready / Math.Max(openSeconds, 1e-3):0}/s); descriptor limit {fdLimit}"));
if (!opened && !options.BestEffort)
{
    Note($"FAILED: {holder.FirstFailure}");
    return 1;
}
if (holder.FirstFailure is not null) Report($"short {holder.FirstFailure}");
Report($"ready {holder.Ready}");

long holdStart = Stopwatch.GetTimestamp();
holder.Hold(options.HoldSeconds, stop, Lost, Note);
double held = Stopwatch.GetElapsedTime(holdStart).TotalSeconds;
int closed = holder.CloseAll(options.GracefulClose);
Report(holder.Lost > 0 ? $"closed {closed} ({holder.Lost} lost while idle)" : $"closed {closed}");
Note(string.Create(CultureInfo.InvariantCulture, $"held {closed} idle connections for {held:0.0} s; {holder.Lost} lost while idle"));
return holder.Lost == 0 && (opened || options.BestEffort) ? 0 : 1;

static int Usage(string problem)
{
    Console.Error.WriteLine($"Uring.ConnHold: {problem}");
    return 2;
}
