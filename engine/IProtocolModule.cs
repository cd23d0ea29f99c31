namespace Uring.Engine;

/// <summary>
/// A protocol plugged into the engine: for each new connection on a listener it is bound to,
/// returns the handler that will serve it. Called on the connection's reactor thread; a module
/// may pool its handlers (reuse one after its <see cref="ConnectionHandler.OnClosed"/>).
/// </summary>
public interface IProtocolModule
{
    /// <summary>A short name for logs ("echo", "http").</summary>
    string Name { get; }

    ConnectionHandler CreateHandler(Connection connection);
}
