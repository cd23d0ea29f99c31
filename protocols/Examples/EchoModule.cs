using Uring.Engine;

namespace Uring.Protocols.Examples;

/// <summary>
/// Sends every byte back. Shows the whole module contract in a few lines, including
/// backpressure: when the peer reads slower than it writes, reading pauses until the queued
/// output drains, so memory stays bounded by the high-water mark.
/// </summary>
public sealed class EchoModule : IProtocolModule
{
    private static readonly EchoHandler s_handler = new();

    public string Name => "echo";

    // The handler keeps no per-connection state, so one instance serves every connection.
    public ConnectionHandler CreateHandler(Connection connection) => s_handler;

    private sealed class EchoHandler : ConnectionHandler
    {
        public override void OnData(Connection connection, ReceivedData data)
        {
            connection.Write(data.Span);
            if (connection.IsWriteBlocked) connection.PauseReading();
        }

        public override void OnWritable(Connection connection) => connection.ResumeReading();

        // Keep echoing while draining: the peer decides when it is done (its FIN closes us).
        public override void OnShutdown(Connection connection) { }
    }
}
