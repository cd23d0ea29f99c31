using System;
using Uring.Engine;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// HTTP/1 state shared by every connection of one reactor: the Date header line, reformatted by a
/// timer once per second (not per response), and the pool of pinned buffers.
/// </summary>
internal sealed class Http1ReactorContext
{
    /// <summary>"Date: " + IMF-fixdate + CRLF.</summary>
    public const int DateLineLength = 6 + HttpDate.Length + 2;

    [ThreadStatic] private static Http1ReactorContext? t_current;

    private readonly HttpDate _date = new();
    private readonly ReactorTimer _timer;

    private Http1ReactorContext(Reactor reactor)
    {
        Reactor = reactor;
        "Date: "u8.CopyTo(DateLine);
        "\r\n"u8.CopyTo(DateLine.AsSpan(DateLineLength - 2));
        _date.Value.CopyTo(DateLine.AsSpan(6));
        _timer = reactor.CreateTimer(static s => ((Http1ReactorContext)s!).Tick(), this);
        Tick();
    }

    public Reactor Reactor { get; }

    /// <summary>Overwritten in place each second; read it while writing a response, on this reactor.</summary>
    public byte[] DateLine { get; } = new byte[DateLineLength];

    public PinnedBufferPool Buffers { get; } = new();

    private readonly System.Collections.Generic.Stack<Http1Exchange> _exchanges = new();

    /// <summary>An exchange for a request that starts now (pooled: as many exist as requests were ever in flight at once).</summary>
    public Http1Exchange RentExchange() => _exchanges.Count > 0 ? _exchanges.Pop() : new Http1Exchange();

    public void ReturnExchange(Http1Exchange exchange)
    {
        exchange.Reset();
        _exchanges.Push(exchange);
    }

    /// <summary>The context of <paramref name="reactor"/>; call on its thread.</summary>
    public static Http1ReactorContext For(Reactor reactor)
    {
        Http1ReactorContext? c = t_current;
        if (c is null || c.Reactor != reactor) t_current = c = new Http1ReactorContext(reactor);
        return c;
    }

    private void Tick()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (_date.Refresh(now)) _date.Value.CopyTo(DateLine.AsSpan(6));
        // Wake just after the next second starts, so the value is at most a tick stale.
        _timer.Arm(1000 - now.Millisecond + 1);
    }
}
