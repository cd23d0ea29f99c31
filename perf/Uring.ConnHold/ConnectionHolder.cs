using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using Tmds.Linux;
using Uring.Engine;

namespace Uring.ConnHold;

/// <summary>
/// Opens N connections, each sending one request and reading its response, then holds them idle
/// and watches them: one thread, one level-triggered epoll set, non-blocking raw sockets.
/// Per connection it keeps only a descriptor and a state byte (struct-of-arrays), so holding
/// 15,000 connections costs the client a few hundred KB. A receive buffer is lent only while a
/// response is awaited, and at most <c>concurrency</c> connections are being opened at a time,
/// which also keeps the server's accept queue short (nginx's default backlog is 511).
/// </summary>
public sealed unsafe class ConnectionHolder : IDisposable
{
    private const int MaxEvents = 256;
    private const int EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLRDHUP = 0x2000;
    private const ulong StdinTag = ulong.MaxValue;

    private enum State : byte { NotStarted, Connecting, Awaiting, Idle, Closed }

    private readonly IPEndPoint _server;
    private readonly IPAddress[] _sources;
    private readonly IExchange _exchange;
    private readonly int _count;
    private readonly int _concurrency;
    private readonly long _timeoutTicks;
    private readonly bool _bestEffort;
    private readonly ulong _fdLimit;
    private readonly int _ep;

    private readonly int[] _fd;
    private readonly State[] _state;
    private readonly int[] _slotOf;

    // Slots: one per connection being opened (at most _concurrency).
    private readonly byte[]?[] _slotBuffer;
    private readonly int[] _slotFilled;
    private readonly int[] _slotConnection;
    private readonly long[] _slotStarted;
    private readonly bool[] _slotBusy;
    private readonly Stack<int> _freeSlots = new();
    private readonly byte[] _request = new byte[256];

    private int _inFlight;
    private bool _stopOpening;

    public ConnectionHolder(IPEndPoint server, IPAddress[] sources, IExchange exchange, int count, int concurrency,
        int timeoutSeconds, bool bestEffort, ulong fdLimit)
    {
        _server = server;
        _sources = sources;
        _exchange = exchange;
        _count = count;
        _concurrency = Math.Min(concurrency, count);
        _timeoutTicks = timeoutSeconds * Stopwatch.Frequency;
        _bestEffort = bestEffort;
        _fdLimit = fdLimit;
        _fd = new int[count];
        Array.Fill(_fd, -1);
        _state = new State[count];
        _slotOf = new int[count];
        _slotBuffer = new byte[]?[_concurrency];
        _slotFilled = new int[_concurrency];
        _slotConnection = new int[_concurrency];
        _slotStarted = new long[_concurrency];
        _slotBusy = new bool[_concurrency];
        for (int s = _concurrency - 1; s >= 0; s--) _freeSlots.Push(s);
        _ep = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_ep < 0) throw new InvalidOperationException($"epoll_create1 failed: {RawSocket.Describe(LibC.errno)}");
    }

    /// <summary>Connections open, answered and idle.</summary>
    public int Ready { get; private set; }

    /// <summary>Connections that failed while being opened.</summary>
    public int Failed { get; private set; }

    /// <summary>Idle connections the server closed, reset or wrote to.</summary>
    public int Lost { get; private set; }

    /// <summary>The first failure, with the connection it happened on.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>Opens every connection; false when one failed (with --best-effort: when any did not
    /// open, and the rest were not tried). Reports lost idle connections to <paramref name="onLost"/>.</summary>
    public bool Open(StopSignal stop, Action<string> onLost)
    {
        epoll_event* events = stackalloc epoll_event[MaxEvents];
        int next = 0;
        long lastScan = Stopwatch.GetTimestamp();
        while (true)
        {
            while (!_stopOpening && _inFlight < _concurrency && next < _count) Start(next++);
            if (_inFlight == 0 && (next >= _count || _stopOpening)) break;
            if (stop.Requested)
            {
                Fail(-1, "interrupted (SIGTERM/SIGINT) while opening");
                break;
            }
            int n = LibC.epoll_wait(_ep, events, MaxEvents, 20);
            if (n < 0 && LibC.errno != Errno.EINTR)
                throw new InvalidOperationException($"epoll_wait failed: {RawSocket.Describe(LibC.errno)}");
            for (int k = 0; k < n; k++)
            {
                int i = (int)events[k].data.u64;
                switch (_state[i])
                {
                    case State.Connecting: OnConnected(i); break;
                    case State.Awaiting: OnResponse(i); break;
                    case State.Idle: OnIdleEvent(i, onLost); break;
                }
            }
            long now = Stopwatch.GetTimestamp();
            if (now - lastScan > Stopwatch.Frequency / 20)
            {
                lastScan = now;
                ExpireSlots(now);
            }
            if (!_bestEffort && FirstFailure is not null) return false;
        }
        return FirstFailure is null;
    }

    /// <summary>Holds the idle connections until stdin closes, <paramref name="seconds"/> pass (0 = no
    /// limit) or a signal; every idle connection the server closes or writes to is reported.</summary>
    public void Hold(int seconds, StopSignal stop, Action<string> onLost, Action<string> note)
    {
        epoll_event stdinEvent = default;
        stdinEvent.events = EPOLLIN | EPOLLRDHUP;
        stdinEvent.data.u64 = StdinTag;
        // epoll refuses regular files and /dev/null (EPERM): stdin is then not watched.
        bool watchStdin = LibC.epoll_ctl(_ep, LibC.EPOLL_CTL_ADD, 0, &stdinEvent) == 0;
        if (!watchStdin)
            note(seconds > 0 ? $"stdin is not a pipe or terminal: holding for {seconds} s" : "stdin is not a pipe or terminal: holding until SIGTERM/SIGINT");
        long end = seconds > 0 ? Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency : long.MaxValue;
        epoll_event* events = stackalloc epoll_event[MaxEvents];
        byte* scratch = stackalloc byte[512];
        while (!stop.Requested && Stopwatch.GetTimestamp() < end)
        {
            int n = LibC.epoll_wait(_ep, events, MaxEvents, 100);
            if (n < 0 && LibC.errno != Errno.EINTR)
                throw new InvalidOperationException($"epoll_wait failed: {RawSocket.Describe(LibC.errno)}");
            for (int k = 0; k < n; k++)
            {
                if (events[k].data.u64 == StdinTag)
                {
                    long r = LibC.read(0, scratch, 512);
                    if (r > 0 || (r < 0 && LibC.errno == Errno.EINTR)) continue; // input is ignored; only its end counts
                    return;
                }
                int i = (int)events[k].data.u64;
                if (_state[i] == State.Idle) OnIdleEvent(i, onLost);
            }
        }
    }

    /// <summary>Closes every open connection (RST unless <paramref name="graceful"/>); returns how many were idle.</summary>
    public int CloseAll(bool graceful)
    {
        int idle = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_fd[i] < 0) continue;
            if (_state[i] == State.Idle) idle++;
            RawSocket.Close(_fd[i], reset: !graceful || _state[i] != State.Idle);
            _fd[i] = -1;
            _state[i] = State.Closed;
        }
        return idle;
    }

    public void Dispose()
    {
        CloseAll(graceful: false);
        LibC.close(_ep);
    }

    private void Start(int i)
    {
        int fd = RawSocket.Create();
        if (fd < 0)
        {
            string why = -fd == Errno.EMFILE ? $" (this process may open {_fdLimit} descriptors: RLIMIT_NOFILE)" : "";
            Fail(i, $"socket(): {RawSocket.Describe(-fd)}{why}");
            return;
        }
        _fd[i] = fd;
        if (_sources.Length > 0)
        {
            IPAddress source = _sources[i % _sources.Length];
            int b = RawSocket.BindSource(fd, source);
            if (b < 0)
            {
                Fail(i, $"bind to source {source}: {RawSocket.Describe(-b)}");
                return;
            }
        }
        int slot = _freeSlots.Pop();
        _slotOf[i] = slot;
        _slotConnection[slot] = i;
        _slotFilled[slot] = 0;
        _slotStarted[slot] = Stopwatch.GetTimestamp();
        _slotBusy[slot] = true;
        _state[i] = State.Connecting;
        _inFlight++;
        int rc = RawSocket.Connect(fd, _server);
        if (rc < 0 && rc != -Errno.EINPROGRESS)
        {
            Fail(i, ConnectFailure(-rc, i));
            return;
        }
        if (!Watch(i, EPOLLOUT, LibC.EPOLL_CTL_ADD)) return;
    }

    private void OnConnected(int i)
    {
        int err = RawSocket.PendingError(_fd[i]);
        if (err != 0)
        {
            Fail(i, ConnectFailure(err, i));
            return;
        }
        int length = _exchange.WriteRequest(i, _request);
        int sent = RawSocket.Send(_fd[i], _request.AsSpan(0, length));
        if (sent != length)
        {
            Fail(i, sent < 0 ? $"send: {RawSocket.Describe(-sent)}" : $"send: only {sent} of {length} bytes");
            return;
        }
        _state[i] = State.Awaiting;
        Watch(i, EPOLLIN | EPOLLRDHUP, LibC.EPOLL_CTL_MOD);
    }

    private void OnResponse(int i)
    {
        int slot = _slotOf[i];
        byte[] buffer = _slotBuffer[slot] ??= new byte[_exchange.MaxResponseBytes + 1];
        bool ended = false;
        int error = 0;
        while (_slotFilled[slot] < buffer.Length)
        {
            int n = RawSocket.Receive(_fd[i], buffer.AsSpan(_slotFilled[slot]));
            if (n > 0) { _slotFilled[slot] += n; continue; }
            if (n == 0) ended = true;
            else if (-n != Errno.EAGAIN) error = -n;
            break;
        }
        ResponseCheck check = _exchange.Check(i, buffer.AsSpan(0, _slotFilled[slot]), out string? problem);
        if (check == ResponseCheck.Invalid)
        {
            Fail(i, $"wrong response: {problem}");
            return;
        }
        if (error != 0)
        {
            Fail(i, $"recv: {RawSocket.Describe(error)} after {_slotFilled[slot]} bytes of the response");
            return;
        }
        if (ended)
        {
            Fail(i, check == ResponseCheck.Complete
                ? "the server closed the connection after its response (no keep-alive)"
                : $"the server closed the connection after {_slotFilled[slot]} bytes of the response");
            return;
        }
        if (check == ResponseCheck.Incomplete) return;
        ReleaseSlot(i);
        _state[i] = State.Idle;
        Ready++;
    }

    // An idle connection became readable: the server closed it, reset it or sent something.
    private void OnIdleEvent(int i, Action<string> onLost)
    {
        byte* one = stackalloc byte[64];
        long n = LibC.recv(_fd[i], one, 64, 0);
        int e = n < 0 ? LibC.errno : 0;
        if (n < 0 && (e == Errno.EAGAIN || e == Errno.EINTR)) return;
        string why = n == 0 ? "the server closed it"
            : n > 0 ? $"the server sent {n} unexpected bytes"
            : $"recv: {RawSocket.Describe(e)}";
        RawSocket.Close(_fd[i], reset: true);
        _fd[i] = -1;
        _state[i] = State.Closed;
        Ready--;
        Lost++;
        string line = $"connection {i} ({Source(i)}): idle connection lost: {why}";
        FirstFailure ??= line;
        onLost(line);
        _stopOpening = true; // a server that drops idle connections is not holding them: stop adding more
    }

    private void ExpireSlots(long now)
    {
        for (int s = 0; s < _concurrency; s++)
        {
            if (!_slotBusy[s]) continue;
            int i = _slotConnection[s];
            if (now - _slotStarted[s] <= _timeoutTicks) continue;
            long seconds = _timeoutTicks / Stopwatch.Frequency;
            Fail(i, _state[i] == State.Connecting
                ? $"connect not completed within {seconds} s"
                : $"no complete response within {seconds} s ({_slotFilled[s]} bytes received; is the server out of descriptors or memory?)");
        }
    }

    private bool Watch(int i, int events, int op)
    {
        epoll_event ev = default;
        ev.events = events;
        ev.data.u64 = (ulong)i;
        if (LibC.epoll_ctl(_ep, op, _fd[i], &ev) == 0) return true;
        Fail(i, $"epoll_ctl: {RawSocket.Describe(LibC.errno)}");
        return false;
    }

    private string ConnectFailure(int errno, int i) => errno == Errno.EADDRNOTAVAIL
        ? $"connect: EADDRNOTAVAIL (no ephemeral port left on source {Source(i)}: spread over more --sources)"
        : $"connect: {RawSocket.Describe(errno)}";

    private string Source(int i) => _sources.Length > 0 ? _sources[i % _sources.Length].ToString() : "any source";

    // A connection that could not be opened: closed, its slot freed, the reason kept. Strict mode
    // stops at the first (Open returns false); best-effort stops opening and lets the rest finish.
    private void Fail(int i, string reason)
    {
        string line = i >= 0 ? $"connection {i} ({Source(i)}): {reason}" : reason;
        FirstFailure ??= line;
        _stopOpening = true;
        if (i < 0) return;
        Failed++;
        if (_state[i] is State.Connecting or State.Awaiting) ReleaseSlot(i);
        if (_fd[i] >= 0) RawSocket.Close(_fd[i], reset: true);
        _fd[i] = -1;
        _state[i] = State.Closed;
    }

    private void ReleaseSlot(int i)
    {
        _slotBusy[_slotOf[i]] = false;
        _freeSlots.Push(_slotOf[i]);
        _inFlight--;
    }
}
