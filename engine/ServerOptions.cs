using System;
using System.Collections.Generic;
using System.Net;
using Uring.Engine.Memory;

namespace Uring.Engine;

/// <summary>Settings of a <see cref="UringServer"/> and its reactors. Read once at start.</summary>
public sealed class ServerOptions
{
    private readonly List<(IPEndPoint EndPoint, IProtocolModule Module)> _bindings = new();

    /// <summary>The CPUs to run reactors on, one reactor (thread, ring, listener) per entry.</summary>
    public IReadOnlyList<int> Cores { get; set; } = new[] { 0 };

    /// <summary>Pin each reactor thread to its CPU (sched_setaffinity).</summary>
    public bool PinThreads { get; set; } = true;

    public BackendKind Backend { get; set; } = BackendKind.Auto;

    /// <summary>listen(2) backlog of each reactor's listening socket.</summary>
    public int Backlog { get; set; } = 4096;

    /// <summary>Accepted connections one reactor keeps at most; further ones are closed at once.</summary>
    public int MaxConnectionsPerReactor { get; set; } = 65536;

    /// <summary>SO_SNDBUF / SO_RCVBUF of sockets (0: the kernel's default and autotuning).</summary>
    public int SocketSendBufferSize { get; set; }
    public int SocketReceiveBufferSize { get; set; }

    /// <summary>Size and number of each reactor's receive buffers (the number is a power of two, at most 32768).</summary>
    public int ReceiveBufferSize { get; set; } = 16 * 1024;
    public int ReceiveBufferCount { get; set; } = 1024;

    /// <summary>Size and initial number of each reactor's send blocks (the pool grows when they run out).</summary>
    public int SendBlockSize { get; set; } = 16 * 1024;
    public int SendBlockCount { get; set; } = 256;

    /// <summary>A connection with this much output queued reports <see cref="Connection.IsWriteBlocked"/>.</summary>
    public long HighWaterMark { get; set; } = 1024 * 1024;

    /// <summary>Once queued output falls to this, a blocked connection gets <see cref="ConnectionHandler.OnWritable"/>.</summary>
    public long LowWaterMark { get; set; } = 256 * 1024;

    /// <summary>An operation (a send making no progress, a connect) taking longer aborts the connection (0: no limit).</summary>
    public int OperationTimeoutMs { get; set; } = 60_000;

    /// <summary>After a graceful close sends FIN, how long unread input is drained before the descriptor closes
    /// (so the peer's late bytes cannot turn the close into a reset that destroys the response in flight).</summary>
    public int LingerTimeoutMs { get; set; } = 2_000;

    /// <summary>How reactor arenas are mapped: null picks the best available (hugetlb when hugepages are
    /// reserved, else transparent hugepages, else plain pages); a value forces that mode or fails.</summary>
    public ArenaMode? ArenaMode { get; set; }

    /// <summary>The per-reactor heap for native structures that are not I/O buffers (Auto: mimalloc where installed).</summary>
    public NativeHeapKind NativeHeap { get; set; } = NativeHeapKind.Auto;

    /// <summary>io_uring: register each reactor's arena as a fixed buffer (IORING_REGISTER_BUFFERS), so
    /// zero-copy sends from it skip per-send page pinning. Falls back (with a log line) when the kernel refuses.</summary>
    public bool RegisterBuffers { get; set; } = true;

    /// <summary>io_uring: sends of at least this many bytes use SEND_ZC / SENDMSG_ZC (0: never). Off by default:
    /// on loopback the kernel copies zero-copy data anyway and the second (notification) completion only
    /// costs (docs/send-zerocopy.md has the measurement); on a real NIC the kernel notes put the break-even near 3 KB.</summary>
    public int SendZeroCopyThreshold { get; set; }

    /// <summary>Submission queue size of each ring (the CQ is four times larger).</summary>
    public int RingEntries { get; set; } = 1024;

    /// <summary>Where start-up and error lines go (default: standard error).</summary>
    public Action<string> Log { get; set; } = static line => Console.Error.WriteLine(line);

    internal IReadOnlyList<(IPEndPoint EndPoint, IProtocolModule Module)> Bindings => _bindings;

    /// <summary>Serves <paramref name="module"/> on <paramref name="endPoint"/> (port 0: one ephemeral port shared by every reactor).</summary>
    public ServerOptions Listen(IPEndPoint endPoint, IProtocolModule module)
    {
        _bindings.Add((endPoint ?? throw new ArgumentNullException(nameof(endPoint)), module ?? throw new ArgumentNullException(nameof(module))));
        return this;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when a setting is out of range.</summary>
    public void Validate()
    {
        if (Cores.Count == 0) throw new ArgumentException("At least one core is needed.");
        if (ReceiveBufferCount < 1 || ReceiveBufferCount > 32768 || (ReceiveBufferCount & (ReceiveBufferCount - 1)) != 0)
            throw new ArgumentException("ReceiveBufferCount must be a power of two from 1 to 32768.");
        if (ReceiveBufferSize < 512) throw new ArgumentException("ReceiveBufferSize must be at least 512 bytes.");
        if (SendBlockSize < 1024) throw new ArgumentException("SendBlockSize must be at least 1024 bytes.");
        if (SendBlockCount < 1) throw new ArgumentException("SendBlockCount must be at least 1.");
        if (LowWaterMark > HighWaterMark) throw new ArgumentException("LowWaterMark must not exceed HighWaterMark.");
        if (MaxConnectionsPerReactor < 1) throw new ArgumentException("MaxConnectionsPerReactor must be at least 1.");
        if (Backlog < 1) throw new ArgumentException("Backlog must be at least 1.");
        if (RingEntries < 8 || RingEntries > 32768) throw new ArgumentException("RingEntries must be from 8 to 32768.");
        if (SendZeroCopyThreshold < 0) throw new ArgumentException("SendZeroCopyThreshold must not be negative.");
    }
}
