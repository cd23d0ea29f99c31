using System;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>Connection.WriteExternal: bytes sent from where they are, interleaved in order with copied writes.</summary>
public class ExternalWriteTests
{
    private static readonly nint s_data = CreateData();
    private const int DataLength = 256 * 1024;

    private static unsafe nint CreateData()
    {
        var p = (byte*)NativeMemory.Alloc(DataLength); // lives as long as the test process
        for (int i = 0; i < DataLength; i++) p[i] = Payload.At(i, seed: 9);
        return (nint)p;
    }

    /// <summary>For each byte received: "[" copied, the external block, "]" copied.</summary>
    private sealed unsafe class ExternalHandler : ConnectionHandler
    {
        public override void OnData(Connection connection, ReceivedData data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                connection.Write("["u8);
                connection.WriteExternal((byte*)s_data, DataLength);
                connection.Write("]"u8);
            }
        }
    }

    [Theory]
    [InlineData(0)] // copying sends (sendmsg over the copied and external blocks)
    [InlineData(1)] // zero-copy sends (external memory is not in the registered arena: SEND_ZC/SENDMSG_ZC without fixed buffers)
    public async Task External_blocks_are_sent_in_order_with_copied_ones(int zeroCopyThreshold)
    {
        await using var server = new TestServer(new LambdaModule(_ => new ExternalHandler()), o => o.SendZeroCopyThreshold = zeroCopyThreshold);
        var clients = Enumerable.Range(0, 8).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToArray();
        try
        {
            foreach (Socket c in clients) await c.ConnectAsync(server.EndPoint);
            await Task.WhenAll(clients.Select(async c =>
            {
                await c.SendAsync(new byte[3], SocketFlags.None); // three responses
                byte[] buf = new byte[DataLength + 2];
                for (int r = 0; r < 3; r++)
                {
                    int got = 0;
                    while (got < buf.Length)
                    {
                        int n = await c.ReceiveAsync(buf.AsMemory(got), SocketFlags.None);
                        Assert.True(n > 0, "closed early");
                        got += n;
                    }
                    Assert.Equal((byte)'[', buf[0]);
                    Assert.Equal(-1, Payload.Mismatch(buf.AsSpan(1, DataLength), 0, seed: 9));
                    Assert.Equal((byte)']', buf[^1]);
                }
            })).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (Socket c in clients) c.Dispose();
        }
    }
}
