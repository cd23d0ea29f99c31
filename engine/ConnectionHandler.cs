namespace Uring.Engine;

/// <summary>
/// A protocol's per-connection logic. Every callback runs on the connection's reactor thread,
/// one at a time, so a handler needs no locks. Write through the <see cref="Connection"/>: output
/// is gathered and sent once per loop turn. An exception thrown out of a callback aborts that one
/// connection and is logged; the reactor keeps serving the others.
/// </summary>
public abstract class ConnectionHandler
{
    /// <summary>The connection is established (accepted, or an outbound connect completed).</summary>
    public virtual void OnOpened(Connection connection) { }

    /// <summary>
    /// Bytes arrived. <paramref name="data"/> is lent for the duration of the call: copy what must
    /// outlive it, or <see cref="ReceivedData.Retain"/> it and release the lease later. A message
    /// may arrive split at any byte, over several calls.
    /// </summary>
    public abstract void OnData(Connection connection, ReceivedData data);

    /// <summary>The peer finished sending (FIN). By default the connection closes once its queued output is sent.</summary>
    public virtual void OnReadEnded(Connection connection) => connection.Close();

    /// <summary>Queued output fell back below the low-water mark after <see cref="Connection.IsWriteBlocked"/> was true.</summary>
    public virtual void OnWritable(Connection connection) { }

    /// <summary>The deadline set with <see cref="Connection.SetTimeout"/> passed. By default the connection is aborted.</summary>
    public virtual void OnTimeout(Connection connection) => connection.Abort(CloseReason.Timeout);

    /// <summary>The server is shutting down: finish what is in flight, then close. By default: close once queued output is sent.</summary>
    public virtual void OnShutdown(Connection connection) => connection.Close();

    /// <summary>The connection is closed and its descriptor released. The handler must not use it afterwards.</summary>
    public virtual void OnClosed(Connection connection, CloseReason reason) { }
}
