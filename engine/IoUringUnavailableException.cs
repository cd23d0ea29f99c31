using System;

namespace Uring.Engine;

/// <summary>io_uring cannot be used here (refused by seccomp, disabled by sysctl, too old a kernel).
/// The server answers it by falling back to epoll when the backend is "auto".</summary>
public sealed class IoUringUnavailableException : Exception
{
    /// <summary>The negative errno the kernel returned.</summary>
    public int Result { get; }

    public IoUringUnavailableException(string message, int result) : base(message) => Result = result;
}
