using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using Uring.Protocols.Examples;
using Xunit;

namespace Uring.Engine.Tests;

/// <summary>A reactor never lets clients take its last descriptors: at its budget it stops accepting
/// (new clients wait in the backlog) and resumes when connections close.</summary>
public class AcceptBudgetTests
{
    [Fact]
    public async Task At_the_descriptor_budget_accepting_pauses_and_resumes_when_connections_close()
    {
        await using var server = new TestServer(new EchoModule());
        Reactor r = server.Server.Reactors[0];
        var set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        r.Post(static s => { var (reactor, tcs) = ((Reactor, TaskCompletionSource))s!; reactor.DescriptorBudget = 20; tcs.SetResult(); }, (r, set));
        await set.Task;

        var held = new TcpClient[20];
        for (int i = 0; i < held.Length; i++)
        {
            held[i] = await server.ConnectAsync();
            Assert.True(await Echoes(held[i], TimeSpan.FromSeconds(5)), $"connection {i} within the budget is served");
        }
        using TcpClient waiting = await server.ConnectAsync(); // completes in the kernel's backlog
        await waiting.GetStream().WriteAsync("ping"u8.ToArray());
        byte[] reply = new byte[4];
        Task read = waiting.GetStream().ReadExactlyAsync(reply).AsTask();
        await Task.Delay(500);
        Assert.False(read.IsCompleted, "beyond the budget a client waits");
        Assert.Equal(1, r.AcceptPauses);

        for (int i = 0; i < 16; i++) held[i].Dispose(); // room again (resume leaves some slack)
        await read.WaitAsync(TimeSpan.FromSeconds(5)); // the waiting client is served once others close
        Assert.Equal("ping"u8.ToArray(), reply);
        for (int i = 16; i < held.Length; i++) held[i].Dispose();
    }

    private static async Task<bool> Echoes(TcpClient c, TimeSpan timeout)
    {
        await c.GetStream().WriteAsync("ping"u8.ToArray());
        byte[] buf = new byte[4];
        try
        {
            await c.GetStream().ReadExactlyAsync(buf).AsTask().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
