using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using CommandLine;
using Uring.EchoLoad;

ParserResult<EchoLoadOptions> parsed = Parser.Default.ParseArguments<EchoLoadOptions>(args);
if (parsed is not Parsed<EchoLoadOptions> { Value: EchoLoadOptions options })
    return 2;
if (options.Validate() is string problem)
{
    Console.Error.WriteLine($"Uring.EchoLoad: {problem}");
    return 2;
}

if (!IPAddress.TryParse(options.Host, out IPAddress? address))
{
    Console.Error.WriteLine($"Uring.EchoLoad: --host {options.Host} is not an IP address");
    return 2;
}
var endPoint = new IPEndPoint(address, options.Port);
var connections = new List<EchoConnection>();
try
{
    for (int i = 0; i < options.Connections; i++)
    {
        var c = new EchoConnection(i, options.Size, options.Depth);
        connections.Add(c);
        c.Connect(endPoint);
    }
}
catch (SocketException e)
{
    Console.Error.WriteLine($"Uring.EchoLoad: connect to {endPoint} failed after {connections.Count - 1} connections: {e.SocketErrorCode}");
    connections.ForEach(c => c.Dispose());
    return 1;
}

long start = Stopwatch.GetTimestamp();
long deadline = start + options.Duration * Stopwatch.Frequency;
EpollLoop.Run(connections, deadline);
double seconds = Math.Min(Stopwatch.GetElapsedTime(start).TotalSeconds, options.Duration);

var latency = new LatencyHistogram();
foreach (EchoConnection c in connections) latency.Add(c.Latency);
long messages = connections.Sum(c => c.Messages);
long mismatches = connections.Sum(c => c.Mismatches);
List<string> failures = connections.Where(c => c.Failure is not null).Select(c => c.Failure!).ToList();
connections.ForEach(c => c.Dispose());

CultureInfo inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv,
    $"{options.Connections} connections x {options.Depth} in flight x {options.Size} B: {messages} messages in {seconds:0.00} s = {messages / seconds:0} msg/s; " +
    $"round trip p50 {latency.Percentile(50)} us, p99 {latency.Percentile(99)} us; {mismatches} mismatched, {failures.Count} failed connections"));
foreach (string f in failures.Take(5)) Console.WriteLine($"  {f}");
// One machine-readable line for scripts/bench-echo.sh.
Console.WriteLine(string.Create(inv,
    $"ECHO_JSON {{\"messages\":{messages},\"seconds\":{seconds:0.000},\"bytes\":{messages * options.Size},\"p50_us\":{latency.Percentile(50)},\"p99_us\":{latency.Percentile(99)},\"mismatches\":{mismatches},\"failed_connections\":{failures.Count}}}"));
return mismatches == 0 && failures.Count == 0 ? 0 : 1;
