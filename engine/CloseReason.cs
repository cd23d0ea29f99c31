namespace Uring.Engine;

/// <summary>Why a connection ended, as told to <see cref="ConnectionHandler.OnClosed"/>.</summary>
public enum CloseReason
{
    /// <summary>This side closed it gracefully (<see cref="Connection.Close"/>) after sending everything queued.</summary>
    Local,
    /// <summary>The peer closed its side and this side then closed.</summary>
    PeerClosed,
    /// <summary>The connection was reset or a socket error occurred (see <see cref="Connection.LastError"/>).</summary>
    Error,
    /// <summary>A deadline passed (connection timeout, operation timeout).</summary>
    Timeout,
    /// <summary>A handler aborted it, or a handler callback threw.</summary>
    Aborted,
    /// <summary>An outbound connect failed (see <see cref="Connection.LastError"/>).</summary>
    ConnectFailed,
    /// <summary>The server shut down and the drain deadline passed.</summary>
    Shutdown,
}
