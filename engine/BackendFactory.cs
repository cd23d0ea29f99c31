using System;

namespace Uring.Engine;

/// <summary>The one place where the compile-time backend choice (UringBackend) meets the run-time one.</summary>
internal static class BackendFactory
{
    /// <summary>Backends compiled into this build, in order of preference.</summary>
    public static BackendKind[] Compiled =>
#if URING_BACKEND_IOURING
        new[] { BackendKind.IoUring, BackendKind.Epoll };
#elif URING_BACKEND_EPOLL
        new[] { BackendKind.Epoll };
#else
        new[] { BackendKind.Kqueue };
#endif

    /// <summary>Resolves <see cref="BackendKind.Auto"/>: io_uring when compiled in and the kernel allows it,
    /// else the next compiled backend, with the reason returned for the log.</summary>
    public static BackendKind Select(BackendKind requested, out string? fallbackReason)
    {
        fallbackReason = null;
        if (requested != BackendKind.Auto)
        {
            if (Array.IndexOf(Compiled, requested) < 0)
                throw new NotSupportedException($"The {requested} backend is not compiled into this build (UringBackend={Compiled[0]}).");
            return requested;
        }
#if URING_BACKEND_IOURING
        string? reason = IoUring.IoUringAvailability.Check();
        if (reason is null) return BackendKind.IoUring;
        fallbackReason = reason;
        return BackendKind.Epoll;
#else
        return Compiled[0];
#endif
    }

    public static IIoBackend Create(Reactor reactor, BackendKind kind) => kind switch
    {
#if URING_BACKEND_IOURING
        BackendKind.IoUring => new IoUring.IoUringBackend(reactor),
#endif
#if URING_BACKEND_EPOLL
        BackendKind.Epoll => new Epoll.EpollBackend(reactor),
#endif
#if URING_BACKEND_KQUEUE
        BackendKind.Kqueue => new Kqueue.KqueueBackend(reactor),
#endif
        _ => throw new NotSupportedException($"The {kind} backend is not compiled into this build."),
    };
}
