using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

public class OperationTimeoutTests
{
    [Fact]
    public async Task A_send_that_makes_no_progress_is_aborted_after_the_operation_timeout()
    {
        var closed = new TaskCompletionSource<CloseReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new TestServer(new LambdaModule(_ => new ObservedEcho(closed)), o =>
        {
            o.OperationTimeoutMs = 300;
            o.SocketSendBufferSize = 64 * 1024;
            o.HighWaterMark = 256 * 1024;
            o.LowWaterMark = 64 * 1024;
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        await client.ConnectAsync(server.EndPoint);
        // Write a lot and never read: the server's echo backs up until its send stops moving.
        byte[] chunk = new byte[64 * 1024];
        _ = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < 400; i++) await client.SendAsync(chunk, SocketFlags.None);
            }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        });
        Assert.Equal(CloseReason.Timeout, await closed.Task.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    private sealed class ObservedEcho : ConnectionHandler
    {
        private readonly ConnectionHandler _echo = new EchoModule().CreateHandler(null!);
        private readonly TaskCompletionSource<CloseReason> _closed;
        public ObservedEcho(TaskCompletionSource<CloseReason> closed) => _closed = closed;
        public override void OnData(Connection connection, ReceivedData data) => _echo.OnData(connection, data);
        public override void OnWritable(Connection connection) => _echo.OnWritable(connection);
        public override void OnClosed(Connection connection, CloseReason reason) => _closed.TrySetResult(reason);
    }
}
