using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using Uring.Engine.Buffers;
using Uring.Engine.Memory;
using Uring.Engine.Threading;
using Uring.Engine.Timers;

namespace Uring.Engine;

/// <summary>
/// One core's event loop: a dedicated thread pinned to its CPU, owning a ring (or epoll set),
/// its listeners, connections, buffers and timers. Nothing it owns is touched by another thread;
/// other threads talk to it only through <see cref="Post"/>.
/// </summary>
/// <remarks>
/// One loop turn: reap completions and run the callbacks they wake → run due timers → run posted
/// work → for each connection touched this turn: deliver, re-arm, send once, close → one
/// submit-and-wait whose timeout is the next timer deadline.
/// </remarks>
public sealed unsafe partial class Reactor
{
    private readonly UringServer _server;
    private IIoBackend _backend = null!;
    private NativeArena _arena = null!;
    private readonly TimerWheel _timers = new();
    private readonly ConcurrentQueue<PostedWork> _remote = new();
    private readonly Queue<PostedWork> _local = new();
    private readonly List<Listener> _listeners = new();
    private Thread? _thread;
    private int _sleeping;
    private int _wakeSent;
    private volatile bool _exited;

    internal readonly ServerOptions Options;
    internal IIoBackend Backend => _backend;
    internal SendBlockPool SendBlocks = null!;
    internal ReceiveBuffers ReceiveBuffers = null!;
    internal NativeArena Arena => _arena;
    private NativeHeap? _heap;

    [ThreadStatic] private static Reactor? t_current;

    /// <summary>Position of this reactor in the server's list.</summary>
    public int Index { get; }

    /// <summary>The CPU this reactor's thread is pinned to.</summary>
    public int Cpu { get; }

    /// <summary>"io_uring", "epoll" or "kqueue".</summary>
    public string BackendName => _backend?.Name ?? "none";

    /// <summary>How this reactor's I/O arena is mapped (hugetlb, transparent hugepages, plain pages).</summary>
    public ArenaMode ArenaMode => _arena?.Mapping.Mode ?? ArenaMode.Plain;

    /// <summary>The NUMA node the arena is bound to, or -1 when placed by first touch.</summary>
    public int ArenaNode => _arena?.Mapping.Node ?? -1;

    /// <summary>This reactor's heap for native structures that are not I/O buffers (mimalloc or NativeMemory),
    /// for modules' own native state. Reactor thread only for allocation.</summary>
    public NativeHeap Heap => _heap!;

    /// <summary>The reactor running on the calling thread, if any.</summary>
    public static Reactor? Current => t_current;

    public bool IsOnReactorThread => t_current == this;

    /// <summary>Milliseconds on the reactor's monotonic clock.</summary>
    public long NowMilliseconds => _timers.Now;

    internal Reactor(UringServer server, int index, int cpu, ServerOptions options)
    {
        _server = server;
        Index = index;
        Cpu = cpu;
        Options = options;
        _slots = new Connection[64];
    }

    // ---- public API for modules ----

    /// <summary>Runs <paramref name="work"/> on this reactor's thread during its next loop turn. Any thread.</summary>
    public void Post(Action<object?> work, object? state)
    {
        if (t_current == this)
        {
            _local.Enqueue(new PostedWork(work, state));
            return;
        }
        _remote.Enqueue(new PostedWork(work, state));
        Interlocked.MemoryBarrier();
        // Wake only a reactor that announced it is about to block, and only once per sleep.
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.CompareExchange(ref _wakeSent, 1, 0) == 0)
            _backend.Wake();
    }

    /// <summary>A reusable one-shot timer on this reactor's wheel. Reactor thread only.</summary>
    public ReactorTimer CreateTimer(Action<object?> callback, object? state) => _timers.Create(callback, state);

    /// <summary>Opens an outbound TCP connection owned by this reactor; <paramref name="handler"/> gets
    /// OnOpened when it is established, or OnClosed with <see cref="CloseReason.ConnectFailed"/>. Reactor thread only.</summary>
    public Connection Connect(IPEndPoint remote, ConnectionHandler handler)
    {
        if (t_current != this) throw new InvalidOperationException("Connect must be called on the reactor's thread.");
        return StartOutbound(remote, handler);
    }

    /// <summary>Live connections on this reactor (accepted and outbound).</summary>
    public int ConnectionCount => _openCount;

    /// <summary>Connections closed at accept because the limit was reached.</summary>
    public long RejectedConnections => _rejected;

    /// <summary>Connections accepted since start.</summary>
    public long AcceptedConnections => _acceptedTotal;

    /// <summary>Times a receive ended because every receive buffer was in use (re-armed once buffers came back).</summary>
    public long BufferStarvations => _starvations;

    /// <summary>Send blocks the reactor owns (pooled plus grown); their size is <see cref="ServerOptions.SendBlockSize"/>.</summary>
    public int SendPoolBlocks => SendBlocks?.TotalBlocks ?? 0;

    // ---- thread and loop ----

    internal void Start(ManualResetEventSlim started, Action<Exception> failed)
    {
        _thread = new Thread(() => ThreadMain(started, failed))
        {
            Name = $"uring-reactor-{Index}",
            IsBackground = true,
        };
        _thread.UnsafeStart();
    }

    internal bool Exited => _exited;

    internal void Join() => _thread?.Join();

    private void ThreadMain(ManualResetEventSlim started, Action<Exception> failed)
    {
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(new ReactorSynchronizationContext(this));
        try
        {
            // Pin before touching memory, so first touch places the arena on this core's node.
            if (Options.PinThreads) Affinity.PinCurrentThread(Cpu);
            Initialize();
        }
        catch (Exception e)
        {
            failed(e);
            started.Set();
            Teardown();
            _exited = true;
            return;
        }
        started.Set();
        try
        {
            Loop();
        }
        catch (Exception e)
        {
            Options.Log($"reactor {Index}: fatal: {e}");
            _server.OnReactorFailed(this, e);
        }
        finally
        {
            Teardown();
            _exited = true;
            _server.OnReactorExited(this);
        }
    }

    private void Initialize()
    {
        nuint arenaSize = (nuint)Options.ReceiveBufferCount * (nuint)Options.ReceiveBufferSize
            + (nuint)Options.SendBlockCount * (nuint)Options.SendBlockSize + 2 * 4096;
        ReactorPlacement placement = _server.Placement.Reactors[Index];
        _arena = new NativeArena(ArenaAllocator.Map(arenaSize, placement.ArenaNode, _server.Placement.Features.HugePages, Options.ArenaMode));
        _heap = NativeHeap.Create(Options.NativeHeap);
        ReceiveBuffers = new ReceiveBuffers(_arena, Options.ReceiveBufferCount, Options.ReceiveBufferSize);
        SendBlocks = new SendBlockPool(_arena, Options.SendBlockCount, Options.SendBlockSize, _heap);
        _bufferState = new byte[Options.ReceiveBufferCount];
        _bufferStamp = new uint[Options.ReceiveBufferCount];
        _backend = BackendFactory.Create(this, _server.SelectedBackend);

        foreach (var (endPoint, module) in Options.Bindings)
        {
            IPEndPoint ep = _server.ResolveBinding(endPoint);
            int fd = Sockets.Socket.Listen(ep, Options.Backlog, _backend.Name != "io_uring",
                Options.SocketSendBufferSize, Options.SocketReceiveBufferSize);
            var listener = new Listener(_listeners.Count, ep, module, fd);
            if (ep.Port == 0) _server.RecordEphemeralPort(endPoint, Sockets.Socket.LocalEndPoint(fd)!.Port);
            _listeners.Add(listener);
            ArmAccept(listener);
        }
        if (Options.OperationTimeoutMs > 0)
        {
            _operationSweep = _timers.Create(static s => ((Reactor)s!).SweepOperations(), this);
            _operationSweep.Arm(SweepInterval);
        }
    }

    private void Loop()
    {
        while (true)
        {
            long timeout = NextTimeout();
            if (timeout != 0)
            {
                Volatile.Write(ref _sleeping, 1);
                Interlocked.MemoryBarrier();
                if (!_remote.IsEmpty) timeout = 0;
            }
            _backend.Poll(timeout);
            Volatile.Write(ref _sleeping, 0);

            _timers.Advance();
            RunPostedWork();
            ProcessDirty();

            if (_stopping && _openCount == 0 && ListenersClosed()) break;
        }
        // Let the last close operations reach the kernel.
        _backend.Poll(0);
    }

    private long NextTimeout()
    {
        if (_dirty.Count > 0 || _local.Count > 0 || !_remote.IsEmpty || _starved.Count > 0 && _backend.CanReceive) return 0;
        long next = _timers.MillisecondsToNextDeadline();
        // A bounded wait is the safety net against a missed wake-up.
        return next < 0 || next > MaxWaitMs ? MaxWaitMs : next;
    }

    private const long MaxWaitMs = 1000;

    private void RunPostedWork()
    {
        int budget = 4096; // don't let a flood of posts starve I/O
        while (budget-- > 0 && _local.TryDequeue(out PostedWork w)) RunContained(w);
        while (budget-- > 0 && _remote.TryDequeue(out PostedWork w)) RunContained(w);
    }

    private void RunContained(in PostedWork w)
    {
        try
        {
            w.Callback(w.State);
        }
        catch (Exception e)
        {
            Options.Log($"reactor {Index}: posted work threw: {e}");
        }
    }

    /// <summary>Called by the backend right after its wait returns, before it reports completions, so
    /// deadlines armed by the callbacks count from now and not from before the sleep.</summary>
    internal void RefreshClock() => _timers.Refresh();

    /// <summary>Called by the backend when a wake-up arrives.</summary>
    internal void OnWake() => Volatile.Write(ref _wakeSent, 0);

    private void Teardown()
    {
        foreach (Listener l in _listeners)
            if (l.Fd >= 0)
            {
                Sockets.Socket.Close(l.Fd);
                l.Fd = -1;
            }
        _backend?.Dispose(); // unregisters the arena before it is unmapped
        SendBlocks?.Dispose();
        _heap?.Dispose();
        _arena?.Dispose();
        t_current = null;
    }
}
