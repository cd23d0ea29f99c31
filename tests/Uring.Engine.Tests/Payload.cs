using System;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Uring.Engine.Tests;

/// <summary>Deterministic test bytes (position-dependent, so a lost, duplicated or reordered chunk shows) and socket helpers.</summary>
internal static class Payload
{
    public static byte At(long position, int seed) => (byte)((position * 31 + (position >> 9) + seed * 17) & 0xFF);

    public static void Fill(Span<byte> buffer, long start, int seed)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = At(start + i, seed);
    }

    /// <summary>Index of the first byte that differs from the pattern, or -1.</summary>
    public static int Mismatch(ReadOnlySpan<byte> buffer, long start, int seed)
    {
        for (int i = 0; i < buffer.Length; i++)
            if (buffer[i] != At(start + i, seed)) return i;
        return -1;
    }

    /// <summary>Writes <paramref name="total"/> pattern bytes in <paramref name="chunk"/>-sized writes.</summary>
    public static async Task WriteAsync(Socket s, long total, int chunk, int seed, bool halfClose = false)
    {
        byte[] buf = new byte[chunk];
        for (long sent = 0; sent < total;)
        {
            int n = (int)Math.Min(chunk, total - sent);
            Fill(buf.AsSpan(0, n), sent, seed);
            int w = await s.SendAsync(buf.AsMemory(0, n), SocketFlags.None);
            sent += w;
            if (w < n) throw new InvalidOperationException("short write on a blocking socket");
        }
        if (halfClose) s.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Reads exactly <paramref name="total"/> bytes, checking each against the pattern; returns the count read.</summary>
    public static async Task<long> ReadAndVerifyAsync(Socket s, long total, int seed, Func<long, Task>? pace = null)
    {
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        while (got < total)
        {
            int n = await s.ReceiveAsync(buf.AsMemory(0, (int)Math.Min(buf.Length, total - got)), SocketFlags.None);
            if (n == 0) throw new InvalidOperationException($"connection closed after {got} of {total} bytes");
            int bad = Mismatch(buf.AsSpan(0, n), got, seed);
            if (bad >= 0) throw new InvalidOperationException($"byte {got + bad} differs");
            got += n;
            if (pace is not null) await pace(got);
        }
        return got;
    }

    /// <summary>True when the peer closed (EOF or reset) within the timeout.</summary>
    public static async Task<bool> ClosedByPeerAsync(Socket s, TimeSpan timeout)
    {
        byte[] buf = new byte[4096];
        using var cts = new System.Threading.CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                int n = await s.ReceiveAsync(buf, SocketFlags.None, cts.Token);
                if (n == 0) return true;
            }
        }
        catch (SocketException)
        {
            return true; // reset
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
