using System;
using System.Net;
using System.Runtime.CompilerServices;
using Uring.Engine.Buffers;

namespace Uring.Engine;

/// <summary>
/// A TCP connection owned by one reactor. All members must be used on that reactor's thread
/// (from handler callbacks, timers, or work posted to the reactor). Output written here is
/// queued and sent once per loop turn, gathered into one send per connection.
/// </summary>
public sealed unsafe class Connection
{
    private readonly Reactor _reactor;
    internal ConnectionHandler? _handler;
    internal ConnectionState State;
    internal SendQueue Output;
    internal int Fd = -1;
    internal int Slot;
    internal uint Generation;
    internal Listener? Listener;
    internal CloseReason Reason;
    internal int Error;
    internal ReactorTimer? Deadline;
    internal long LastSendProgress;
    /// <summary>The result of a zero-copy send, held until its notification says the buffers are free.</summary>
    internal int ZeroCopyResult;

    // Receives that arrived while reading was paused, delivered in order on resume.
    private int[]? _parked;
    private int _parkedHead;
    internal int ParkedCount;

    internal Connection(Reactor reactor, int slot)
    {
        _reactor = reactor;
        Slot = slot;
    }

    /// <summary>The reactor (core) that owns this connection.</summary>
    public Reactor Reactor => _reactor;

    /// <summary>Unique among the reactor's live connections; changes when the object is reused.</summary>
    public long Id => ((long)Generation << 32) | (uint)Slot;

    /// <summary>The handler receiving this connection's events.</summary>
    public ConnectionHandler Handler => _handler!;

    /// <summary>True from open until <see cref="Close"/> or <see cref="Abort"/> (or the peer's reset).</summary>
    public bool IsOpen => (State & (ConnectionState.Open | ConnectionState.CloseRequested | ConnectionState.Closing)) == ConnectionState.Open;

    /// <summary>True for a connection made with <see cref="Reactor.Connect"/>.</summary>
    public bool IsOutbound => Listener is null;

    /// <summary>The errno behind an <see cref="CloseReason.Error"/> or <see cref="CloseReason.ConnectFailed"/> close.</summary>
    public int LastError => Error;

    public IPEndPoint? RemoteEndPoint => Fd >= 0 ? Sockets.Socket.RemoteEndPoint(Fd) : null;

    public IPEndPoint? LocalEndPoint => Fd >= 0 ? Sockets.Socket.LocalEndPoint(Fd) : null;

    // ---- output ----

    /// <summary>Bytes written and not yet sent.</summary>
    public long PendingBytes => Output.Bytes;

    /// <summary>Queued output is above the high-water mark: stop producing until <see cref="ConnectionHandler.OnWritable"/>.</summary>
    public bool IsWriteBlocked => (State & ConnectionState.WriteBlocked) != 0;

    /// <summary>A span to write at least <paramref name="sizeHint"/> bytes into; commit them with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint = 0) => Output.GetSpan(_reactor.SendBlocks, sizeHint);

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    public void Advance(int count)
    {
        if ((State & (ConnectionState.Closing | ConnectionState.Aborted)) != 0) return;
        Output.Advance(count);
        OnOutputQueued();
    }

    /// <summary>Queues <paramref name="data"/> (copied) for sending.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        if ((State & (ConnectionState.Closing | ConnectionState.Aborted)) != 0 || data.IsEmpty) return;
        Output.Write(_reactor.SendBlocks, data);
        OnOutputQueued();
    }

    /// <summary>Below this a reference costs more than a copy (one more iovec, one more block header).</summary>
    private const int ExternalWriteMinimum = 2048;

    /// <summary>
    /// Queues <paramref name="length"/> bytes at <paramref name="data"/> for sending <em>without copying
    /// them</em>: the kernel reads them in place. The memory must stay valid and unchanged until the
    /// connection has sent them or closed — in practice, content that lives as long as the server
    /// (an embedded page, a file loaded at start into pinned or native memory). Short data is copied.
    /// </summary>
    public void WriteExternal(byte* data, int length)
    {
        if ((State & (ConnectionState.Closing | ConnectionState.Aborted)) != 0 || length <= 0) return;
        if (length < ExternalWriteMinimum)
        {
            Write(new ReadOnlySpan<byte>(data, length));
            return;
        }
        Output.AppendExternal(_reactor.SendBlocks, data, length);
        OnOutputQueued();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnOutputQueued()
    {
        if (Output.Bytes >= _reactor.Options.HighWaterMark) State |= ConnectionState.WriteBlocked;
        if ((State & (ConnectionState.Dirty | ConnectionState.SendInFlight)) == 0) _reactor.MarkDirty(this);
    }

    // ---- input ----

    public bool IsReadingPaused => (State & ConnectionState.ReadPaused) != 0;

    /// <summary>Stops delivering data (backpressure): the kernel stops taking bytes from the socket.</summary>
    public void PauseReading()
    {
        if ((State & ConnectionState.ReadPaused) != 0) return;
        State |= ConnectionState.ReadPaused;
        _reactor.OnPauseReading(this);
    }

    /// <summary>Delivers again, starting with anything that arrived while paused.</summary>
    public void ResumeReading()
    {
        if ((State & ConnectionState.ReadPaused) == 0) return;
        State &= ~ConnectionState.ReadPaused;
        _reactor.MarkDirty(this);
    }

    // ---- lifetime ----

    /// <summary>Closes gracefully: queued output is sent first, then the descriptor is closed.</summary>
    public void Close()
    {
        if ((State & (ConnectionState.CloseRequested | ConnectionState.Closing)) != 0) return;
        State |= ConnectionState.CloseRequested;
        if (Reason == CloseReason.Local && (State & ConnectionState.ReadEnded) != 0) Reason = CloseReason.PeerClosed;
        _reactor.MarkDirty(this);
    }

    /// <summary>Closes at once, discarding queued output.</summary>
    public void Abort(CloseReason reason = CloseReason.Aborted)
    {
        if ((State & ConnectionState.Closing) != 0) return;
        Reason = reason;
        State |= ConnectionState.Aborted | ConnectionState.CloseRequested;
        _reactor.MarkDirty(this);
    }

    /// <summary>Arms (or moves) this connection's deadline: <see cref="ConnectionHandler.OnTimeout"/> runs if it passes.</summary>
    public void SetTimeout(long milliseconds)
    {
        if ((State & ConnectionState.Closing) != 0) return;
        Deadline ??= _reactor.CreateConnectionTimer(this);
        Deadline.Arm(milliseconds);
    }

    public void ClearTimeout() => Deadline?.Cancel();

    /// <summary>Hands the connection to another handler (protocol upgrade). The new handler gets OnOpened.</summary>
    public void SwitchHandler(ConnectionHandler next)
    {
        _handler = next ?? throw new ArgumentNullException(nameof(next));
        next.OnOpened(this);
    }

    /// <summary>Hands the connection to another handler and gives it the bytes already received after the switch point.</summary>
    public void SwitchHandler(ConnectionHandler next, ReceivedData remaining)
    {
        SwitchHandler(next);
        if (!remaining.IsEmpty && IsOpen) next.OnData(this, remaining);
    }

    // ---- parked receives (reactor use) ----

    internal void Park(int bufferId, int length)
    {
        _parked ??= new int[8];
        if (ParkedCount * 2 == _parked.Length)
        {
            var bigger = new int[_parked.Length * 2];
            for (int i = 0; i < ParkedCount; i++)
            {
                int src = (_parkedHead + i) * 2 % _parked.Length;
                bigger[i * 2] = _parked[src];
                bigger[i * 2 + 1] = _parked[src + 1];
            }
            _parked = bigger;
            _parkedHead = 0;
        }
        int at = (_parkedHead + ParkedCount) * 2 % _parked.Length;
        _parked[at] = bufferId;
        _parked[at + 1] = length;
        ParkedCount++;
    }

    internal void Unpark(out int bufferId, out int length)
    {
        int at = _parkedHead * 2;
        bufferId = _parked![at];
        length = _parked[at + 1];
        _parkedHead = (_parkedHead + 1) % (_parked.Length / 2);
        ParkedCount--;
    }

    /// <summary>Ready for reuse by another descriptor: the generation changes so late completions are ignored.</summary>
    internal void Reset()
    {
        _handler = null;
        State = ConnectionState.None;
        Fd = -1;
        Listener = null;
        Reason = CloseReason.Local;
        Error = 0;
        Deadline?.Cancel();
        ParkedCount = 0;
        _parkedHead = 0;
        if (_parked is { Length: > 8 }) _parked = null;
        Generation = (Generation + 1) & IoUringGenerationMask;
    }

    private const uint IoUringGenerationMask = (1u << 24) - 1;
}
