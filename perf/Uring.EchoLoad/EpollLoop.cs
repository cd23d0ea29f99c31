using System;
using System.Collections.Generic;
using System.Diagnostics;
using Tmds.Linux;

namespace Uring.EchoLoad;

/// <summary>
/// A single-threaded, level-triggered epoll loop over every connection: wait, read what is
/// ready, send the next batch. Ends when every connection is done, or gives up on those still
/// waiting <see cref="GraceSeconds"/> after the deadline (a lost echo).
/// </summary>
public static unsafe class EpollLoop
{
    public const int GraceSeconds = 5;
    private const int MaxEvents = 256;
    private const int EPOLLIN = 0x001;

    public static void Run(IReadOnlyList<EchoConnection> connections, long deadline)
    {
        int ep = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (ep < 0) throw new InvalidOperationException($"epoll_create1 failed: errno {LibC.errno}");
        try
        {
            for (int i = 0; i < connections.Count; i++)
            {
                epoll_event ev = default;
                ev.events = EPOLLIN;
                ev.data.u64 = (ulong)i;
                if (LibC.epoll_ctl(ep, LibC.EPOLL_CTL_ADD, connections[i].Fd, &ev) < 0)
                    throw new InvalidOperationException($"epoll_ctl failed: errno {LibC.errno}");
            }
            foreach (EchoConnection c in connections) c.SendBatch();

            long giveUp = deadline + GraceSeconds * Stopwatch.Frequency;
            epoll_event* events = stackalloc epoll_event[MaxEvents];
            int active = connections.Count;
            while (active > 0)
            {
                int n = LibC.epoll_wait(ep, events, MaxEvents, 100);
                if (n < 0 && LibC.errno != LibC.EINTR)
                    throw new InvalidOperationException($"epoll_wait failed: errno {LibC.errno}");
                for (int k = 0; k < n; k++)
                {
                    EchoConnection c = connections[(int)events[k].data.u64];
                    if (c.Done) continue;
                    c.OnReadable(deadline);
                    if (c.Done)
                    {
                        active--;
                        LibC.epoll_ctl(ep, LibC.EPOLL_CTL_DEL, c.Fd, null);
                    }
                }
                if (Stopwatch.GetTimestamp() > giveUp)
                {
                    foreach (EchoConnection c in connections)
                        if (!c.Done) c.Fail($"no echo within {GraceSeconds} s after the end");
                    return;
                }
            }
        }
        finally
        {
            LibC.close(ep);
        }
    }
}
