using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Daemon.Tests;

/// <summary><c>uringd --processes N</c>: N real worker processes behind one port, supervised.</summary>
public class WorkerProcessTests
{
    private static string Backend => Environment.GetEnvironmentVariable("URING_TEST_BACKEND") ?? "auto";

    /// <summary>The supervisor's live children (its worker processes), from /proc.</summary>
    private static List<int> Children(int parent)
    {
        var kids = new List<int>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(rest[1]) == parent && rest[0] != "Z") kids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return kids;
    }

    /// <summary>TCP sockets a process has open (its accepted connections and listener).</summary>
    private static int Sockets(int pid)
    {
        int n = 0;
        try
        {
            foreach (string fd in Directory.GetFiles($"/proc/{pid}/fd"))
            {
                try { if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true) n++; }
                catch (IOException) { }
            }
        }
        catch (DirectoryNotFoundException) { }
        return n;
    }

    private static async Task<List<int>> WaitForChildren(UringdProcess p, int count)
    {
        for (int i = 0; i < 300; i++)
        {
            List<int> kids = Children(p.Id);
            if (kids.Count == count) return kids;
            await Task.Delay(100);
        }
        throw new TimeoutException($"uringd did not have {count} workers: {Children(p.Id).Count}; {p.StdErr}");
    }

    /// <summary>uringd serving echo as <paramref name="processes"/> workers on a free port, all of them up.</summary>
    private static async Task<(UringdProcess Process, int Port, List<int> Workers)> StartWorkers(int processes, int drainSeconds)
    {
        int port = UringdProcess.FreePort();
        var p = UringdProcess.Start(port, "--cores", "0", "--port", port.ToString(), "--protocol", "echo",
            "--processes", processes.ToString(), "--drain-timeout", drainSeconds.ToString(), "--backend", Backend);
        List<int> workers = await WaitForChildren(p, processes);
        await p.WaitReadyAsync(TimeSpan.FromSeconds(30));
        return (p, port, workers);
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    private static bool Running(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    private static async Task Echo(TcpClient c, string text)
    {
        byte[] sent = Encoding.ASCII.GetBytes(text);
        await c.GetStream().WriteAsync(sent);
        byte[] got = new byte[sent.Length];
        await c.GetStream().ReadExactlyAsync(got).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(text, Encoding.ASCII.GetString(got));
    }

    [Fact]
    public async Task Workers_share_the_port_and_all_stop_on_SIGTERM()
    {
        var (p, port, workers) = await StartWorkers(3, 2);
        using UringdProcess _ = p;
        // Every worker must listen before the kernel spreads connections over all three.
        for (int i = 0; i < 300 && workers.Any(w => Sockets(w) == 0); i++) await Task.Delay(100);

        var clients = new List<TcpClient>();
        try
        {
            for (int i = 0; i < 90; i++)
            {
                var c = new TcpClient();
                clients.Add(c);
                await c.ConnectAsync("127.0.0.1", port);
                await Echo(c, $"hello {i}\n");
            }
            // SO_REUSEPORT hashes the 90 connections over three listeners: each worker holds some.
            foreach (int w in workers)
                Assert.True(Sockets(w) > 1, $"worker {w} holds no connection: {string.Join(", ", workers.Select(x => $"{x}:{Sockets(x)}"))}");
        }
        finally
        {
            foreach (TcpClient c in clients) c.Dispose();
        }

        p.Signal(15);
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
        foreach (int w in workers) Assert.False(Running(w), $"worker {w} outlived the supervisor");
        Assert.Contains("started 3 worker processes", p.StdErr);
        Assert.Contains("[worker 2]", p.StdErr);
        Assert.Contains("supervisor stopped", p.StdErr);
    }

    [Fact]
    public async Task A_worker_that_dies_is_replaced()
    {
        var (p, port, workers) = await StartWorkers(2, 1);
        using UringdProcess _ = p;
        await Task.Delay(3500); // past the start grace: a death now is a crash, not a failed start
        Tmds.Linux.LibC.kill(workers[0], 9);

        List<int> now = workers;
        for (int i = 0; i < 300; i++)
        {
            now = Children(p.Id);
            if (now.Count == 2 && !now.Contains(workers[0])) break;
            await Task.Delay(100);
        }
        Assert.Equal(2, now.Count);
        Assert.DoesNotContain(workers[0], now);
        Assert.Contains("worker 0 exited", p.StdErr);

        // Still serving on the port, through whichever worker the kernel picks.
        for (int i = 0; i < 10; i++)
        {
            using var c = new TcpClient();
            await c.ConnectAsync("127.0.0.1", port);
            await Echo(c, "still here\n");
        }
        p.Signal(15);
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Ctrl_C_to_the_process_group_stops_everything_with_0()
    {
        var (p, _, workers) = await StartWorkers(2, 1);
        using UringdProcess _ = p;
        await Task.Delay(3500); // past the start grace
        // The terminal signals the whole group; the worst order for the supervisor: workers first.
        foreach (int w in workers) Tmds.Linux.LibC.kill(w, 2);
        await Task.Delay(50);
        p.Signal(2);
        Assert.Equal(0, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("starting a new one", p.StdErr);
    }

    [Fact]
    public async Task Workers_that_cannot_start_make_the_supervisor_exit_1()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Any, 0); // no SO_REUSEPORT: the workers' bind fails
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var p = UringdProcess.Start(port, "--cores", "0", "--port", port.ToString(), "--processes", "2");
        Assert.Equal(1, await p.WaitExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("EADDRINUSE", p.StdErr);
        Assert.Contains("while starting", p.StdErr);
    }

    [Fact]
    public async Task A_worker_whose_supervisor_is_killed_stops()
    {
        var (p, _, workers) = await StartWorkers(2, 1);
        using UringdProcess _ = p;
        Tmds.Linux.LibC.kill(p.Id, 9);
        for (int i = 0; i < 300 && workers.Any(Running); i++) await Task.Delay(100);
        foreach (int w in workers) Assert.False(Running(w), $"worker {w} is still running without its supervisor");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1025")]
    public async Task A_bad_process_count_is_a_usage_error(string n)
    {
        using var p = UringdProcess.Start(0, "--processes", n);
        Assert.Equal(2, await p.WaitExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("--processes", p.StdErr);
    }
}
