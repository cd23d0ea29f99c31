using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tmds.Linux;

namespace Uring.EchoLoad;

/// <summary>
/// One client connection: writes <c>depth</c> messages of <c>size</c> bytes in one send, reads
/// until all of them came back, checks every byte, and sends the next batch. Each message
/// carries the connection id and a round number, so a stale or misrouted echo is caught.
/// Driven by <see cref="EpollLoop"/> with non-blocking raw send/recv: a .NET async socket costs
/// the one-core load generator several times what the server spends per message.
/// </summary>
public sealed unsafe class EchoConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly int _id;
    private readonly int _size;
    private readonly int _depth;
    private readonly byte[] _send;
    private readonly byte[] _receive;
    private int _received;
    private uint _round;
    private long _batchStart;

    public EchoConnection(int id, int size, int depth)
    {
        _id = id;
        _size = size;
        _depth = depth;
        _send = new byte[size * depth];
        _receive = new byte[size * depth];
        for (int i = 0; i < _send.Length; i++) _send[i] = (byte)('a' + (i + id) % 26);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    public int Fd { get; private set; } = -1;

    /// <summary>Messages echoed intact before the deadline.</summary>
    public long Messages { get; private set; }

    /// <summary>Batches whose echo differed from what was sent.</summary>
    public long Mismatches { get; private set; }

    /// <summary>Why the connection ended early, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>No batch in flight any more: the deadline passed, or the connection failed.</summary>
    public bool Done { get; private set; }

    /// <summary>Round-trip latency of each batch (µs).</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Connects (blocking), then switches the socket to non-blocking for the loop.</summary>
    public void Connect(IPEndPoint endPoint)
    {
        _socket.Connect(endPoint);
        _socket.Blocking = false;
        Fd = (int)_socket.Handle;
    }

    /// <summary>Stamps and sends the next batch. Only one batch is ever in flight and the server
    /// has read the previous one, so the socket buffer has room: EAGAIN is retried in place.</summary>
    public void SendBatch()
    {
        Stamp(_round++);
        _received = 0;
        _batchStart = Stopwatch.GetTimestamp();
        int sent = 0;
        fixed (byte* p = _send)
        {
            while (sent < _send.Length)
            {
                long n = LibC.send(Fd, p + sent, (size_t)(_send.Length - sent), LibC.MSG_NOSIGNAL);
                if (n >= 0) { sent += (int)n; continue; }
                int errno = LibC.errno;
                if (errno == LibC.EAGAIN || errno == LibC.EINTR) continue;
                Fail($"send: errno {errno}");
                return;
            }
        }
    }

    /// <summary>Reads what arrived; a complete batch is checked, counted when it finished before
    /// <paramref name="deadline"/>, and followed by the next one (or ends the connection).</summary>
    public void OnReadable(long deadline)
    {
        fixed (byte* p = _receive)
        {
            while (_received < _receive.Length)
            {
                long n = LibC.recv(Fd, p + _received, (size_t)(_receive.Length - _received), 0);
                if (n > 0) { _received += (int)n; continue; }
                if (n == 0) { Fail("the server closed the connection"); return; }
                int errno = LibC.errno;
                if (errno == LibC.EINTR) continue;
                if (errno == LibC.EAGAIN) return;
                Fail($"recv: errno {errno}");
                return;
            }
        }

        long end = Stopwatch.GetTimestamp();
        if (end > deadline)
        {
            Done = true; // only round trips that finished inside the measured window count
            return;
        }
        Latency.Record((long)Stopwatch.GetElapsedTime(_batchStart, end).TotalMicroseconds);
        if (_receive.AsSpan().SequenceEqual(_send)) Messages += _depth;
        else Mismatches++;
        SendBatch();
    }

    public void Fail(string why)
    {
        Failure ??= $"connection {_id}: {why}";
        Done = true;
    }

    // Bytes 0-3 of each message: connection id; 4-7: round (messages shorter than 8 bytes keep
    // only the pattern).
    private void Stamp(uint round)
    {
        if (_size < 8) return;
        for (int m = 0; m < _depth; m++)
        {
            Span<byte> message = _send.AsSpan(m * _size, 8);
            BinaryPrimitives.WriteInt32LittleEndian(message, _id);
            BinaryPrimitives.WriteUInt32LittleEndian(message[4..], round);
        }
    }

    public void Dispose() => _socket.Dispose();
}
