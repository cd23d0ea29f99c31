using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Uring.Daemon.Tests;

/// <summary>uringd started as a real process (dotnet exec of the built uringd.dll), for end-to-end tests.</summary>
internal sealed class UringdProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    public int Port { get; }

    public int Id => _process.Id;

    public string StdErr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public string StdOut
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    private UringdProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static UringdProcess Start(int port, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "uringd.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(dll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        return new UringdProcess(Process.Start(psi)!, port);
    }

    /// <summary>Waits until the port accepts connections.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"uringd exited with {_process.ExitCode}: {StdErr}");
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("uringd did not start listening: " + StdErr);
    }

    public void Signal(int signal) => Tmds.Linux.LibC.kill(_process.Id, signal);

    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
