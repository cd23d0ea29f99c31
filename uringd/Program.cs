using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CommandLine;
using CommandLine.Text;
using Uring.Engine;

namespace Uring.Daemon;

/// <summary>uringd: reactors on the chosen cores serving a protocol module until SIGTERM/SIGINT, then a graceful drain.</summary>
public static class Program
{
    public const int ExitOk = 0, ExitStartFailed = 1, ExitUsage = 2;

    // CommandLineParser binds CliOptions by reflection: keep its members when trimmed (Native AOT).
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CliOptions))]
    public static int Main(string[] args)
    {
        // CommandLineParser quietly falls back to the default when an option's value is missing
        // ("uringd --port"); an operator's typo must not start a server on another port.
        string? missing = MissingValue(args);
        if (missing is not null)
        {
            Console.Error.WriteLine($"uringd: option '{missing}' needs a value (see --help)");
            return ExitUsage;
        }
        var parser = new Parser(s =>
        {
            s.HelpWriter = null; // we print help and errors ourselves
            s.CaseSensitive = true;
            s.CaseInsensitiveEnumValues = true;
        });
        ParserResult<CliOptions> result = parser.ParseArguments<CliOptions>(args);
        if (result is NotParsed<CliOptions> notParsed) return Usage(notParsed);

        CliOptions cli = ((Parsed<CliOptions>)result).Value;
        if (!CliConfiguration.TryBuild(cli, out ServerOptions options, out string? error))
        {
            Console.Error.WriteLine($"uringd: {error} (see --help)");
            return ExitUsage;
        }
        if (cli.Topology)
        {
            var plan = Engine.Memory.PlacementPlan.Create(Engine.Memory.Topology.Discover(), options.Cores, Engine.Memory.MemoryFeatures.Detect());
            Console.WriteLine(plan.Describe());
            return ExitOk;
        }
        if (cli.Quiet) options.Log = static line => { if (line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine(line); };
        var drain = TimeSpan.FromSeconds(cli.DrainTimeoutSeconds);
        int? worker = WorkerSupervisor.WorkerIndex;
        if (worker is null && cli.Processes > 1) return WorkerSupervisor.Run(args, cli.Processes, drain, options.Log);
        if (worker is int k)
        {
            Action<string> log = options.Log;
            options.Log = line => log($"[worker {k}] {line}");
            return Run(options, drain, WorkerSupervisor.SupervisorGone);
        }
        return Run(options, drain, static () => false);
    }

    private static int Usage(NotParsed<CliOptions> notParsed)
    {
        IEnumerable<Error> errors = notParsed.Errors;
        if (errors.IsHelp() || errors.IsVersion())
        {
            if (errors.IsVersion())
            {
                Console.WriteLine($"uringd {typeof(Program).Assembly.GetName().Version?.ToString(3)}");
                return ExitOk;
            }
            HelpText help = HelpText.AutoBuild(notParsed, h =>
            {
                h.Heading = $"uringd {typeof(Program).Assembly.GetName().Version?.ToString(3)} — an io_uring server, one reactor per core";
                h.Copyright = "usage: uringd [--cores 0-15] [--port 8080 | --listen ADDR:PORT,...] [options]";
                h.AddDashesToOption = true;
                h.AdditionalNewLineAfterOption = false;
                return h;
            }, e => e);
            Console.WriteLine(help);
            return ExitOk;
        }
        Console.Error.WriteLine($"uringd: {Describe(errors.First())} (see --help)");
        return ExitUsage;
    }

    private static readonly string[] s_flags = { "--no-pin", "--quiet", "--help", "--version", "--topology" };

    private static string? MissingValue(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith('-') || a.Contains('=') || Array.IndexOf(s_flags, a) >= 0) continue;
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return a;
            i++;
        }
        return null;
    }

    private static string Describe(Error e) => e switch
    {
        UnknownOptionError u => $"unknown option '{u.Token}'",
        MissingValueOptionError m => $"option '--{m.NameInfo.LongName}' needs a value",
        BadFormatConversionError b => $"option '--{b.NameInfo.LongName}' has a value of the wrong type",
        BadFormatTokenError t => $"unexpected '{t.Token}'",
        RepeatedOptionError r => $"option '--{r.NameInfo.LongName}' is given twice",
        _ => e.Tag.ToString(),
    };

    private static int Run(ServerOptions options, TimeSpan drain, Func<bool> orphaned)
    {
        var server = new UringServer(options);
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is Engine.Sockets.SocketSetupException or IoUringUnavailableException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            Console.Error.WriteLine($"uringd: cannot start: {e.Message}");
            return ExitStartFailed;
        }

        using var stopping = new StopSignals();

        // A reactor that dies on an engine fault leaves its core unserved: exit so a supervisor restarts us.
        server.ReactorFailed += (_, _) => stopping.Set();
        while (!stopping.Wait(TimeSpan.FromMilliseconds(200)))
        {
            if (server.Completion.IsCompleted) return ExitStartFailed;
            if (orphaned())
            {
                options.Log("uringd: the supervisor is gone");
                break;
            }
        }
        if (server.Fault is not null)
        {
            options.Log($"uringd: a reactor failed ({server.Fault.GetType().Name}: {server.Fault.Message}); stopping");
            server.StopAsync(TimeSpan.FromSeconds(1)).Wait(TimeSpan.FromSeconds(5));
            return ExitStartFailed;
        }

        options.Log($"uringd: stopping, draining for up to {drain.TotalSeconds:0.#} s");
        Task stop = server.StopAsync(drain);
        if (!stop.Wait(drain + TimeSpan.FromSeconds(5)))
        {
            options.Log("uringd: reactors did not stop in time");
            return ExitStartFailed;
        }
        options.Log("uringd: stopped");
        return ExitOk;
    }
}
