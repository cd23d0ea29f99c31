using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Uring.Daemon;

/// <summary>
/// <c>uringd --processes N</c>: this process becomes a supervisor of N worker processes, each a full
/// uringd (reactors on every <c>--cores</c> CPU) binding the same port with SO_REUSEPORT, so the
/// kernel spreads connections over all of them. Each worker has its own RLIMIT_NOFILE, which is
/// what lets one machine hold more connections than one process may open when the hard limit
/// cannot be raised (no CAP_SYS_RESOURCE) — the same reason nginx runs worker processes.
/// The supervisor forwards SIGTERM/SIGINT/SIGQUIT as SIGTERM (each worker drains), replaces a worker
/// that dies after it started, and gives up when one fails at start (a busy port, bad set-up).
/// </summary>
internal static class WorkerSupervisor
{
    /// <summary>Set in a worker's environment: its index (0..N-1).</summary>
    public const string WorkerVariable = "URINGD_WORKER";

    /// <summary>Set in a worker's environment: the supervisor's pid, so an orphaned worker stops.</summary>
    public const string SupervisorVariable = "URINGD_SUPERVISOR";

    /// <summary>A worker that exits sooner than this after its start failed to start: not restarted.</summary>
    private static readonly TimeSpan s_startGrace = TimeSpan.FromSeconds(3);

    private const int SIGKILL = 9, SIGTERM = 15;

    /// <summary>This process's worker index when a supervisor started it, else null.</summary>
    public static int? WorkerIndex =>
        int.TryParse(Environment.GetEnvironmentVariable(WorkerVariable), out int k) && k >= 0 ? k : null;

    private static readonly int s_supervisor =
        int.TryParse(Environment.GetEnvironmentVariable(SupervisorVariable), out int pid) ? pid : 0;

    /// <summary>True in a worker whose supervisor is gone (it was reparented): the worker should stop.</summary>
    public static bool SupervisorGone() => s_supervisor != 0 && Tmds.Linux.LibC.getppid() != s_supervisor;

    /// <summary>The arguments for a worker: ours without <c>--processes</c>.</summary>
    public static List<string> WorkerArguments(string[] args)
    {
        var kept = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--processes") { i++; continue; }
            if (args[i].StartsWith("--processes=", StringComparison.Ordinal)) continue;
            kept.Add(args[i]);
        }
        return kept;
    }

    public static int Run(string[] args, int processes, TimeSpan drain, Action<string> log)
    {
        List<string> workerArgs = WorkerArguments(args);
        var workers = new Process?[processes];
        var started = new DateTime[processes];

        using var stopping = new StopSignals();

        int exit = Program.ExitOk;
        try
        {
            for (int k = 0; k < processes; k++)
            {
                workers[k] = StartWorker(workerArgs, k);
                started[k] = DateTime.UtcNow;
            }
            log($"uringd: supervisor {Environment.ProcessId} started {processes} worker processes ({Pids(workers)})");

            while (!stopping.Wait(TimeSpan.FromMilliseconds(200)))
            {
                for (int k = 0; k < processes; k++)
                {
                    Process w = workers[k]!;
                    if (!w.HasExited) continue;
                    int code = w.ExitCode;
                    w.Dispose();
                    workers[k] = null;
                    // Ctrl-C signals the whole process group: a worker may finish its drain before our own
                    // handler has run. A stop that is on its way is neither a failed start nor a crash.
                    if (stopping.Wait(TimeSpan.FromSeconds(1))) break;
                    if (DateTime.UtcNow - started[k] < s_startGrace)
                    {
                        log($"uringd: worker {k} exited with {code} while starting; stopping the others");
                        exit = Program.ExitStartFailed;
                        stopping.Set();
                        break;
                    }
                    log($"uringd: worker {k} exited with {code}; starting a new one");
                    workers[k] = StartWorker(workerArgs, k);
                    started[k] = DateTime.UtcNow;
                }
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            log($"uringd: cannot start a worker process: {e.Message}");
            exit = Program.ExitStartFailed;
        }

        log($"uringd: stopping {Live(workers)} worker processes, draining for up to {drain.TotalSeconds:0.#} s");
        foreach (Process? w in workers)
            if (w is not null && !w.HasExited) Tmds.Linux.LibC.kill(w.Id, SIGTERM);
        DateTime deadline = DateTime.UtcNow + drain + TimeSpan.FromSeconds(10);
        for (int k = 0; k < processes; k++)
        {
            Process? w = workers[k];
            if (w is null) continue;
            TimeSpan left = deadline - DateTime.UtcNow;
            if (!w.WaitForExit(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                log($"uringd: worker {k} (pid {w.Id}) did not stop in time; killing it");
                Tmds.Linux.LibC.kill(w.Id, SIGKILL);
                w.WaitForExit();
                exit = Program.ExitStartFailed;
            }
            // 128+SIGTERM: a worker still starting had no handler yet and the signal ended it: a stop, not a failure.
            else if (w.ExitCode != 0 && w.ExitCode != 128 + SIGTERM)
            {
                log($"uringd: worker {k} exited with {w.ExitCode} while stopping");
                exit = Program.ExitStartFailed;
            }
            w.Dispose();
        }
        log("uringd: supervisor stopped");
        return exit;
    }

    private static Process StartWorker(List<string> args, int index)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        var psi = new ProcessStartInfo(self) { UseShellExecute = false }; // stdio inherited: workers log to our stderr
        // Under "dotnet uringd.dll" the executable is the host: workers are started the same way.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "uringd.dll"));
        }
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment[WorkerVariable] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment[SupervisorVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned no process");
    }

    private static string Pids(Process?[] workers)
    {
        var pids = new List<string>(workers.Length);
        foreach (Process? w in workers) if (w is not null) pids.Add(w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "pids " + string.Join(", ", pids);
    }

    private static int Live(Process?[] workers)
    {
        int n = 0;
        foreach (Process? w in workers) if (w is not null && !w.HasExited) n++;
        return n;
    }
}
