using System.Net;

namespace Uring.Engine;

/// <summary>One reactor's listening socket for one bound address (each reactor has its own, SO_REUSEPORT).</summary>
internal sealed class Listener
{
    public readonly int Index;
    public readonly IPEndPoint EndPoint;
    public readonly IProtocolModule Module;
    public int Fd;
    /// <summary>Accepting is wanted (false once the server drains).</summary>
    public bool Active = true;
    /// <summary>A multishot accept (or epoll registration) is in place.</summary>
    public bool Armed;
    /// <summary>Re-arms accepting after an error (created on the first one).</summary>
    public ReactorTimer? RetryTimer;

    public Listener(int index, IPEndPoint endPoint, IProtocolModule module, int fd)
    {
        Index = index;
        EndPoint = endPoint;
        Module = module;
        Fd = fd;
    }
}
