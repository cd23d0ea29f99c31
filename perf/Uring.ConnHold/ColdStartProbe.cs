using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Uring.Engine;

namespace Uring.ConnHold;

/// <summary>
/// Cold start: started before the server, prints <c>probing</c>, then tries one connection +
/// request every <see cref="RetryMicros"/> µs until a correct response arrives and prints
/// <c>first-response &lt;unix µs&gt;</c> (CLOCK_REALTIME, the clock of bash's $EPOCHREALTIME, which
/// the script reads just before it spawns the server). Blocking sockets: one at a time, and a
/// refused connect on loopback fails at once. The code paths are JIT-compiled against an
/// in-process listener first, so compiling them is not counted against the server.
/// </summary>
public static class ColdStartProbe
{
    public const int RetryMicros = 200;

    private enum Attempt { Answered, Refused, ClosedEarly, Failed }

    public static int Run(IPEndPoint server, IExchange exchange, int timeoutSeconds)
    {
        WarmUp(exchange);
        Console.Out.WriteLine("probing");
        Console.Out.Flush();

        long deadline = Stopwatch.GetTimestamp() + timeoutSeconds * Stopwatch.Frequency;
        int attempts = 0, closedEarly = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            attempts++;
            Attempt outcome = TryOnce(server, exchange, deadline, out string? problem);
            if (outcome == Attempt.Answered)
            {
                long micros = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
                Console.Out.WriteLine($"first-response {micros}");
                Console.Error.WriteLine($"Uring.ConnHold: first correct response after {attempts} attempts ({closedEarly} closed before answering)");
                return 0;
            }
            if (outcome == Attempt.Failed)
            {
                Console.Error.WriteLine($"Uring.ConnHold: probe of {server} failed: {problem}");
                return 1;
            }
            if (outcome == Attempt.ClosedEarly) closedEarly++;
            long until = Stopwatch.GetTimestamp() + RetryMicros * Stopwatch.Frequency / 1_000_000;
            while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
        }
        Console.Error.WriteLine($"Uring.ConnHold: probe of {server}: no correct response within {timeoutSeconds} s ({attempts} attempts)");
        return 1;
    }

    private static Attempt TryOnce(IPEndPoint server, IExchange exchange, long deadline, out string? problem)
    {
        problem = null;
        int fd = RawSocket.Create(blocking: true);
        if (fd < 0)
        {
            problem = $"socket(): {RawSocket.Describe(-fd)}";
            return Attempt.Failed;
        }
        try
        {
            int rc = RawSocket.Connect(fd, server);
            if (rc == -Errno.ECONNREFUSED) return Attempt.Refused;
            if (rc < 0)
            {
                problem = $"connect: {RawSocket.Describe(-rc)}";
                return Attempt.Failed;
            }
            RawSocket.SetReceiveTimeout(fd, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline));
            Span<byte> request = stackalloc byte[256];
            int length = exchange.WriteRequest(0, request);
            int sent = RawSocket.Send(fd, request[..length]);
            if (sent == -Errno.ECONNRESET || sent == -Errno.EPIPE) return Attempt.ClosedEarly;
            if (sent != length)
            {
                problem = $"send: {(sent < 0 ? RawSocket.Describe(-sent) : $"{sent} of {length} bytes")}";
                return Attempt.Failed;
            }
            byte[] buffer = new byte[exchange.MaxResponseBytes + 1];
            int filled = 0;
            while (true)
            {
                int n = RawSocket.Receive(fd, buffer.AsSpan(filled));
                // A server still starting may accept and drop the connection: try again.
                if (n == 0 || n == -Errno.ECONNRESET) return Attempt.ClosedEarly;
                if (n < 0)
                {
                    problem = n == -Errno.EAGAIN ? "connected, but no response before the deadline" : $"recv: {RawSocket.Describe(-n)}";
                    return Attempt.Failed;
                }
                filled += n;
                ResponseCheck check = exchange.Check(0, buffer.AsSpan(0, filled), out problem);
                if (check == ResponseCheck.Complete) return Attempt.Answered;
                if (check == ResponseCheck.Invalid)
                {
                    problem = $"wrong response: {problem}";
                    return Attempt.Failed;
                }
            }
        }
        finally
        {
            RawSocket.Close(fd, reset: true);
        }
    }

    // Runs TryOnce against a listener of our own that answers like the server would, and once
    // against a closed port, so every path the real probe takes is compiled before "probing".
    private static void WarmUp(IExchange exchange)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var local = (IPEndPoint)listener.LocalEndPoint!;
        byte[] expected = new byte[256];
        int requestLength = exchange.WriteRequest(0, expected);
        var answer = new Thread(() =>
        {
            using Socket s = listener.Accept();
            byte[] got = new byte[requestLength];
            int filled = 0;
            while (filled < got.Length)
            {
                int n = s.Receive(got, filled, got.Length - filled, SocketFlags.None);
                if (n == 0) return;
                filled += n;
            }
            s.Send(exchange.SampleResponse(got));
        });
        answer.Start();
        long deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
        Attempt first = TryOnce(local, exchange, deadline, out string? problem);
        answer.Join();
        if (first != Attempt.Answered) throw new InvalidOperationException($"probe warm-up against itself failed: {first} {problem}");
        listener.Close();
        TryOnce(local, exchange, deadline, out _); // refused now
    }
}
