using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Uring.Engine.Memory;

namespace Uring.Engine;

/// <summary>
/// A set of reactors, one per configured core, each with its own listener on every bound address.
/// <see cref="Start"/> brings them up; <see cref="StopAsync"/> drains them gracefully.
/// </summary>
public sealed class UringServer : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly List<Reactor> _reactors = new();
    private readonly Dictionary<IPEndPoint, int> _ephemeralPorts = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _exitedCount;
    private int _state; // 0 new, 1 started, 2 stopping

    public UringServer(ServerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public ServerOptions Options => _options;

    public IReadOnlyList<Reactor> Reactors => _reactors;

    /// <summary>The backend in use (resolved from <see cref="BackendKind.Auto"/> at start).</summary>
    public BackendKind SelectedBackend { get; private set; }

    /// <summary>Where each reactor's memory goes (NUMA node), and what the machine offers (libnuma,
    /// mimalloc, hugepages); decided at start.</summary>
    public PlacementPlan Placement { get; private set; } = null!;

    /// <summary>Completes when every reactor has exited.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Starts every reactor and returns once all listen, or throws the first failure (after stopping the rest).</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("The server was already started.");
        _options.Validate();
        SelectedBackend = BackendFactory.Select(_options.Backend, out string? fallback);
        if (fallback is not null) _options.Log($"uring: io_uring unavailable ({fallback}); falling back to epoll");

        ulong fdLimit = ResourceLimits.Raise();
        int budget = DescriptorBudgetPerReactor(fdLimit, _options.Cores.Count);
        if (budget < _options.MaxConnectionsPerReactor)
            _options.Log($"uring: RLIMIT_NOFILE {fdLimit} leaves room for about {budget} connections per reactor (raise ulimit -n for more)");
        Placement = PlacementPlan.Create(Topology.Discover(), _options.Cores, MemoryFeatures.Detect());

        // One after another: the first reactor binds any port 0, the others reuse the port it got.
        for (int i = 0; i < _options.Cores.Count; i++)
        {
            var reactor = new Reactor(this, i, _options.Cores[i], _options) { DescriptorBudget = budget };
            Exception? failure = null;
            using var started = new ManualResetEventSlim();
            reactor.Start(started, e => failure = e);
            started.Wait();
            if (failure is not null)
            {
                foreach (Reactor r in _reactors) r.Post(static s => ((Reactor)s!).BeginShutdown(0), r);
                foreach (Reactor r in _reactors) r.Join();
                _completion.TrySetResult();
                throw failure is Sockets.SocketSetupException or IoUringUnavailableException
                    ? failure
                    : new InvalidOperationException($"reactor {i} on CPU {_options.Cores[i]} failed to start: {failure.Message}", failure);
            }
            _reactors.Add(reactor);
            if (i == 0) _options.Log($"uring: {reactor.BackendName} backend; {Describe(reactor)}");
            _options.Log($"uring: reactor {i} on CPU {reactor.Cpu}: {reactor.Arena.Mapping.Describe()}; native heap {reactor.Heap.Kind}");
        }
        if (Placement.Degraded is not null) _options.Log($"uring: memory placement: {Placement.Degraded}");
        _options.Log($"uring: {_reactors.Count} reactor(s) on CPU {string.Join(',', _options.Cores)}"
            + (_options.Bindings.Count > 0 ? $", listening on {string.Join(", ", ListenEndPoints())}" : ""));
    }

    private static string Describe(Reactor r) => r.Backend.Description;

    /// <summary>The addresses served, with ephemeral ports resolved.</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints()
    {
        var list = new List<IPEndPoint>();
        foreach (var (ep, _) in _options.Bindings) list.Add(ResolveBinding(ep));
        return list;
    }

    /// <summary>The port actually bound for binding <paramref name="index"/> (useful with port 0).</summary>
    public int GetPort(int index = 0) => ResolveBinding(_options.Bindings[index].EndPoint).Port;

    internal IPEndPoint ResolveBinding(IPEndPoint requested)
    {
        lock (_lock)
        {
            if (requested.Port == 0 && _ephemeralPorts.TryGetValue(requested, out int port)) return new IPEndPoint(requested.Address, port);
            return requested;
        }
    }

    internal void RecordEphemeralPort(IPEndPoint requested, int port)
    {
        lock (_lock) _ephemeralPorts.TryAdd(requested, port);
    }

    /// <summary>
    /// Graceful stop: every reactor stops accepting, tells its handlers to finish
    /// (<see cref="ConnectionHandler.OnShutdown"/>), and aborts what is left after <paramref name="drainTimeout"/>.
    /// Completes when all reactors have exited and released their descriptors.
    /// </summary>
    public Task StopAsync(TimeSpan drainTimeout)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2) return Completion;
        if (_reactors.Count == 0) _completion.TrySetResult();
        long ms = (long)Math.Max(0, drainTimeout.TotalMilliseconds);
        foreach (Reactor r in _reactors) r.Post(static s => { var (reactor, t) = ((Reactor, long))s!; reactor.BeginShutdown(t); }, (r, ms));
        return Completion;
    }

    /// <summary>Set when a reactor's loop died on an engine fault (never on a handler's exception, which
    /// only aborts its connection). A supervisor should restart the process: that core no longer serves.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Raised (on the failing reactor's thread) when <see cref="Fault"/> is set.</summary>
    public event Action<Reactor, Exception>? ReactorFailed;

    internal void OnReactorFailed(Reactor reactor, Exception e)
    {
        Fault ??= e;
        ReactorFailed?.Invoke(reactor, e);
    }

    internal void OnReactorExited(Reactor reactor)
    {
        if (Interlocked.Increment(ref _exitedCount) == _options.Cores.Count) _completion.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        foreach (Reactor r in _reactors) r.Join();
    }

    /// <summary>Each reactor's share of the descriptor limit, after what the process already holds, a
    /// few per reactor (ring, listener, wake-up) and a reserve for the runtime (64 + 1%).</summary>
    internal static int DescriptorBudgetPerReactor(ulong fdLimit, int reactors)
    {
        if (fdLimit == 0 || fdLimit > int.MaxValue) return int.MaxValue;
        long inUse = OpenDescriptorCount();
        long reserve = 64 + (long)fdLimit / 100;
        long free = (long)fdLimit - inUse - reserve - 8L * reactors;
        return (int)Math.Max(16, free / reactors);
    }

    private static long OpenDescriptorCount()
    {
        try
        {
            return System.IO.Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            return 64; // no /proc (macOS): assume a small process
        }
    }

}
