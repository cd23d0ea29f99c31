namespace Uring.Engine;

/// <summary>Which kernel I/O interface the reactors use.</summary>
public enum BackendKind
{
    /// <summary>io_uring where the kernel allows it, else epoll (with one log line saying why).</summary>
    Auto,
    IoUring,
    Epoll,
    Kqueue,
}
