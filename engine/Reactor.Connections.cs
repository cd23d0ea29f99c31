using System;
using System.Collections.Generic;
using System.Net;

namespace Uring.Engine;

// Connection lifecycle: slots, the per-turn flush, and the events the backend reports.
public sealed unsafe partial class Reactor
{
    private Connection?[] _slots;
    private readonly Stack<int> _freeSlots = new();
    private int _slotsUsed;
    private int _openCount;
    private int _acceptedCount;
    private long _acceptedTotal;
    private long _rejected;
    private long _starvations;
    private readonly List<Connection> _dirty = new(256);
    private readonly List<Connection> _starved = new();

    /// <summary>The live connection in <paramref name="slot"/> if its generation matches (a late completion for a
    /// reused slot gets null).</summary>
    internal Connection? ConnectionAt(int slot, uint generation)
    {
        if ((uint)slot >= (uint)_slotsUsed) return null;
        Connection? c = _slots[slot];
        return c is not null && c.Generation == generation && c.State != ConnectionState.None ? c : null;
    }

    internal Listener ListenerAt(int index) => _listeners[index];

    private Connection AllocateConnection()
    {
        int slot;
        if (_freeSlots.Count > 0) slot = _freeSlots.Pop();
        else
        {
            slot = _slotsUsed++;
            if (slot == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        }
        return _slots[slot] ??= new Connection(this, slot);
    }

    internal void MarkDirty(Connection c)
    {
        if ((c.State & ConnectionState.Dirty) != 0 || c.State == ConnectionState.None) return;
        c.State |= ConnectionState.Dirty;
        _dirty.Add(c);
    }

    // ---- accept / connect ----

    internal void OnAccepted(Listener listener, int fd)
    {
        if (_acceptedCount >= Options.MaxConnectionsPerReactor)
        {
            _rejected++;
            _backend.CloseDescriptor(fd);
            return;
        }
        Connection c = AllocateConnection();
        c.Fd = fd;
        c.Listener = listener;
        c.State = ConnectionState.Open;
        _acceptedCount++;
        _acceptedTotal++;
        _openCount++;
        try
        {
            c._handler = listener.Module.CreateHandler(c);
            c._handler.OnOpened(c);
        }
        catch (Exception e)
        {
            Contain(c, e, "OnOpened");
        }
        if (_stopping) NotifyShutdown(c);
        MarkDirty(c);
        CheckAcceptBudget();
    }

    internal void OnListenerClosed(Listener listener) => listener.Fd = -1;

    private bool ListenersClosed()
    {
        foreach (Listener l in _listeners)
            if (l.Fd >= 0 || l.Armed) return false;
        return true;
    }

    private Connection StartOutbound(IPEndPoint remote, ConnectionHandler handler)
    {
        int fd = Sockets.Socket.Create(remote.AddressFamily, _backend.Name != "io_uring");
        if (fd < 0) throw new Sockets.SocketSetupException($"socket() failed: {Errno.Name(-fd)}", -fd);
        Sockets.Socket.SetInt(fd, Sockets.Socket.IPPROTO_TCP, Sockets.Socket.TCP_NODELAY, 1);
        if (Options.SocketSendBufferSize > 0) Sockets.Socket.SetInt(fd, Sockets.Socket.SOL_SOCKET, Sockets.Socket.SO_SNDBUF, Options.SocketSendBufferSize);
        if (Options.SocketReceiveBufferSize > 0) Sockets.Socket.SetInt(fd, Sockets.Socket.SOL_SOCKET, Sockets.Socket.SO_RCVBUF, Options.SocketReceiveBufferSize);
        Connection c = AllocateConnection();
        c.Fd = fd;
        c.Listener = null;
        c._handler = handler;
        c.State = ConnectionState.Connecting;
        c.LastSendProgress = NowMilliseconds;
        _openCount++;
        _backend.StartConnect(c, remote);
        return c;
    }

    internal void OnConnectCompleted(Connection c, int result)
    {
        c.State &= ~ConnectionState.Connecting;
        if ((c.State & (ConnectionState.Aborted | ConnectionState.Closing)) != 0)
        {
            // Aborted while connecting (operation timeout, shutdown): finish the close.
            if ((c.State & ConnectionState.FdClosed) != 0) TryRelease(c);
            else MarkDirty(c);
            return;
        }
        if (result < 0)
        {
            c.Error = -result;
            c.Abort(CloseReason.ConnectFailed);
            return;
        }
        c.State |= ConnectionState.Open;
        try
        {
            c._handler!.OnOpened(c);
        }
        catch (Exception e)
        {
            Contain(c, e, "OnOpened");
        }
        if (_stopping) NotifyShutdown(c);
        MarkDirty(c);
    }

    // ---- receive ----

    internal void OnReceived(Connection c, int bufferId, int length)
    {
        if ((c.State & (ConnectionState.CloseRequested | ConnectionState.Closing | ConnectionState.Lingering)) != 0)
        {
            // Nobody will read it any more: a closing connection's late input is dropped. Through
            // RecycleBuffer, so its state returns to "with the kernel": left "lent", the buffer's
            // next hand-out would trip OnBufferTaken and kill the reactor.
            RecycleBuffer(bufferId);
            return;
        }
        if ((c.State & ConnectionState.ReadPaused) != 0 || c.ParkedCount > 0)
        {
            _bufferState[bufferId] = BufferParked;
            c.Park(bufferId, length);
            return;
        }
        Deliver(c, bufferId, length);
    }

    private void Deliver(Connection c, int bufferId, int length)
    {
        _bufferState[bufferId] = BufferLent;
        try
        {
            c._handler!.OnData(c, new ReceivedData(this, bufferId, ReceiveBuffers.Address(bufferId), length));
        }
        catch (Exception e)
        {
            Contain(c, e, "OnData");
        }
        if (_bufferState[bufferId] == BufferLent) RecycleBuffer(bufferId);
    }

    /// <summary>The kernel stopped receiving for <paramref name="c"/>: 0 = end of stream, 1 = ended without
    /// error (re-arm), or -errno (-ENOBUFS: out of buffers; -ECANCELED: paused or closing).</summary>
    internal void OnReceiveStopped(Connection c, int result)
    {
        c.State &= ~ConnectionState.RecvArmed;
        if (result == 0)
        {
            c.State |= ConnectionState.ReadEnded;
        }
        else if (result == -Errno.ENOBUFS)
        {
            _starvations++;
            if ((c.State & ConnectionState.StarvedForBuffers) == 0)
            {
                c.State |= ConnectionState.StarvedForBuffers;
                _starved.Add(c);
            }
        }
        else if (result < 0 && result != -Errno.ECANCELED)
        {
            c.State |= ConnectionState.ReadEnded;
            if ((c.State & ConnectionState.Closing) == 0)
            {
                c.Error = -result;
                c.Abort(CloseReason.Error);
            }
        }
        if ((c.State & ConnectionState.FdClosed) != 0) TryRelease(c);
        else MarkDirty(c);
    }

    internal void OnPauseReading(Connection c)
    {
        if ((c.State & ConnectionState.RecvArmed) != 0 && (c.State & ConnectionState.Closing) == 0) _backend.StopReceive(c);
    }

    // ---- send ----

    internal void OnSendCompleted(Connection c, int result)
    {
        c.State &= ~ConnectionState.SendInFlight;
        if (result >= 0)
        {
            c.Output.Consume(SendBlocks, result);
            c.LastSendProgress = NowMilliseconds;
            if ((c.State & ConnectionState.WriteBlocked) != 0 && c.Output.Bytes <= Options.LowWaterMark)
            {
                c.State &= ~ConnectionState.WriteBlocked;
                if (c.IsOpen)
                {
                    try
                    {
                        c._handler!.OnWritable(c);
                    }
                    catch (Exception e)
                    {
                        Contain(c, e, "OnWritable");
                    }
                }
            }
        }
        else if ((c.State & ConnectionState.Closing) == 0)
        {
            c.Error = -result;
            c.Abort(CloseReason.Error);
        }
        if ((c.State & ConnectionState.Aborted) != 0) c.Output.Clear(SendBlocks);
        if ((c.State & ConnectionState.FdClosed) != 0) TryRelease(c);
        else MarkDirty(c);
    }

    // ---- the per-turn pass over touched connections ----

    private void ProcessDirty()
    {
        if (_starved.Count > 0 && _backend.CanReceive) Unstarve();
        for (int i = 0; i < _dirty.Count; i++)
        {
            Connection c = _dirty[i];
            c.State &= ~ConnectionState.Dirty;
            if (c.State == ConnectionState.None || (c.State & ConnectionState.Closing) != 0) continue;
            Drive(c);
        }
        _dirty.Clear();
    }

    private void Unstarve()
    {
        foreach (Connection c in _starved)
        {
            c.State &= ~ConnectionState.StarvedForBuffers;
            MarkDirty(c);
        }
        _starved.Clear();
    }

    private void Drive(Connection c)
    {
        ConnectionState s = c.State;
        bool open = (s & ConnectionState.Open) != 0;
        bool closing = (s & ConnectionState.CloseRequested) != 0;

        if (open && !closing && (s & ConnectionState.ReadPaused) == 0)
        {
            while (c.ParkedCount > 0 && (c.State & (ConnectionState.ReadPaused | ConnectionState.CloseRequested)) == 0)
            {
                c.Unpark(out int id, out int len);
                Deliver(c, id, len);
            }
            if (c.ParkedCount == 0 && (c.State & (ConnectionState.ReadEnded | ConnectionState.ReadEndDelivered | ConnectionState.CloseRequested)) == ConnectionState.ReadEnded)
            {
                c.State |= ConnectionState.ReadEndDelivered;
                try
                {
                    c._handler!.OnReadEnded(c);
                }
                catch (Exception e)
                {
                    Contain(c, e, "OnReadEnded");
                }
            }
        }

        s = c.State;
        if ((s & ConnectionState.Open) != 0
            && (s & (ConnectionState.RecvArmed | ConnectionState.ReadEnded | ConnectionState.StarvedForBuffers | ConnectionState.Closing)) == 0
            && ((s & (ConnectionState.ReadPaused | ConnectionState.CloseRequested)) == 0 || (s & ConnectionState.Lingering) != 0))
        {
            if (_backend.CanReceive)
            {
                c.State |= ConnectionState.RecvArmed;
                _backend.StartReceive(c);
            }
            else
            {
                c.State |= ConnectionState.StarvedForBuffers;
                _starved.Add(c);
            }
        }

        s = c.State;
        if ((s & (ConnectionState.Open | ConnectionState.SendInFlight | ConnectionState.Aborted | ConnectionState.Closing)) == ConnectionState.Open
            && !c.Output.IsEmpty)
        {
            c.State |= ConnectionState.SendInFlight;
            c.LastSendProgress = NowMilliseconds;
            _backend.StartSend(c);
        }

        s = c.State;
        if ((s & (ConnectionState.CloseRequested | ConnectionState.Closing)) == ConnectionState.CloseRequested
            && ((s & ConnectionState.Aborted) != 0 || (c.Output.IsEmpty && (s & ConnectionState.SendInFlight) == 0))
            // A lingering connection closes on the peer's FIN or when aborted (its linger deadline),
            // not on the next pass: BeginClose's MarkDirty brings it back here in the same turn.
            && ((s & ConnectionState.Lingering) == 0 || (s & (ConnectionState.ReadEnded | ConnectionState.Aborted)) != 0))
        {
            BeginClose(c);
        }
    }

    // ---- closing ----

    private void BeginClose(Connection c)
    {
        ConnectionState s = c.State;
        if ((s & ConnectionState.Lingering) == 0 && (s & (ConnectionState.Aborted | ConnectionState.ReadEnded | ConnectionState.Connecting)) == 0
            && (s & ConnectionState.Open) != 0 && Options.LingerTimeoutMs > 0)
        {
            // Lingering close: send FIN, then read and drop input until the peer's FIN or the
            // linger deadline. Closing with unread input would send RST, which can destroy the
            // response still in flight to the peer.
            c.State |= ConnectionState.Lingering;
            _backend.ShutdownWrite(c);
            c.SetTimeout(Options.LingerTimeoutMs);
            MarkDirty(c); // re-arm the receive if it was paused
            return;
        }
        c.State |= ConnectionState.Closing;
        c.Deadline?.Cancel();
        _starved.Remove(c);
        _backend.StartClose(c);
    }

    internal void OnCloseCompleted(Connection c)
    {
        c.State |= ConnectionState.FdClosed;
        c.Fd = -1;
        TryRelease(c);
    }

    private void TryRelease(Connection c)
    {
        if ((c.State & (ConnectionState.RecvArmed | ConnectionState.SendInFlight | ConnectionState.Connecting)) != 0) return;
        if ((c.State & ConnectionState.FdClosed) == 0 || c.State == ConnectionState.None) return;

        c.Output.Clear(SendBlocks);
        while (c.ParkedCount > 0)
        {
            c.Unpark(out int id, out _);
            RecycleBuffer(id);
        }
        ConnectionHandler? handler = c._handler;
        CloseReason reason = c.Reason;
        if (c.Listener is not null) _acceptedCount--;
        _openCount--;
        if (handler is not null)
        {
            try
            {
                handler.OnClosed(c, reason);
            }
            catch (Exception e)
            {
                Options.Log($"reactor {Index}: OnClosed threw: {e}");
            }
        }
        c.Reset();
        _freeSlots.Push(c.Slot);
        ResumeAcceptIfRoom();
    }

    /// <summary>A handler callback threw: log it, abort that connection, keep the reactor serving.</summary>
    private void Contain(Connection c, Exception e, string callback)
    {
        Options.Log($"reactor {Index}: {callback} threw on connection {c.Id}: {e.GetType().Name}: {e.Message}");
        c.Abort(CloseReason.Aborted);
    }

    internal ReactorTimer CreateConnectionTimer(Connection c) => _timers.Create(static s => ((Connection)s!).Reactor.OnDeadline((Connection)s!), c);

    private void OnDeadline(Connection c)
    {
        if (c.State == ConnectionState.None || (c.State & ConnectionState.Closing) != 0) return;
        if ((c.State & ConnectionState.Lingering) != 0)
        {
            c.State |= ConnectionState.Aborted;
            BeginClose(c);
            return;
        }
        try
        {
            c._handler!.OnTimeout(c);
        }
        catch (Exception e)
        {
            Contain(c, e, "OnTimeout");
        }
    }

    // ---- operation timeout ----

    private ReactorTimer? _operationSweep;
    private long SweepInterval => Math.Max(10, Options.OperationTimeoutMs / 4);

    /// <summary>Aborts connections whose send made no progress, or whose connect did not finish, within the operation timeout.</summary>
    private void SweepOperations()
    {
        long now = NowMilliseconds;
        long limit = Options.OperationTimeoutMs;
        for (int i = 0; i < _slotsUsed; i++)
        {
            Connection? c = _slots[i];
            if (c is null || (c.State & (ConnectionState.SendInFlight | ConnectionState.Connecting)) == 0) continue;
            if ((c.State & ConnectionState.Closing) != 0 || now - c.LastSendProgress < limit) continue;
            c.Error = Errno.ETIMEDOUT;
            if ((c.State & ConnectionState.Connecting) != 0) c.Abort(CloseReason.ConnectFailed);
            else c.Abort(CloseReason.Timeout);
        }
        _operationSweep!.Arm(SweepInterval);
    }
}
