using System;
using Uring.Engine.Buffers;
using Uring.Engine.Memory;
using Xunit;

namespace Uring.Engine.Tests.Buffers;

public unsafe class SendQueueTests
{
    [Fact]
    public void Writes_span_blocks_and_partial_consumes_keep_order()
    {
        using var arena = new NativeArena(1 << 20);
        using var heap = NativeHeap.Create();
        using var pool = new SendBlockPool(arena, 4, 1024, heap);
        var q = new SendQueue();
        byte[] data = new byte[5000];
        new Random(1).NextBytes(data);
        q.Write(pool, data);
        Assert.Equal(5000, q.Bytes);

        var received = new System.Collections.Generic.List<byte>();
        IoVector* iov = stackalloc IoVector[8];
        while (!q.IsEmpty)
        {
            int n = q.FillIovecs(iov, 8, out long total);
            Assert.True(n > 0);
            // The kernel takes an odd amount each time.
            long take = Math.Min(total, 777);
            long left = take;
            for (int i = 0; i < n && left > 0; i++)
            {
                int len = (int)Math.Min((long)iov[i].Length, left);
                received.AddRange(new ReadOnlySpan<byte>(iov[i].Base, len).ToArray());
                left -= len;
            }
            q.Consume(pool, take);
        }
        Assert.Equal(data, received.ToArray());
        Assert.Equal(pool.TotalBlocks, pool.FreeBlocks); // every block came back
    }

    [Fact]
    public void Appending_while_a_send_is_in_flight_is_safe()
    {
        using var arena = new NativeArena(1 << 20);
        using var heap = NativeHeap.Create();
        using var pool = new SendBlockPool(arena, 4, 1024, heap);
        var q = new SendQueue();
        q.Write(pool, "hello "u8);
        byte* first = q.First(out int len);
        Assert.Equal(6, len);
        q.Write(pool, "world"u8); // lands after the in-flight range in the same block
        q.Consume(pool, 6);
        first = q.First(out len);
        Assert.Equal("world", System.Text.Encoding.ASCII.GetString(first, len));
        q.Consume(pool, 5);
        Assert.True(q.IsEmpty);
        Assert.Equal(pool.TotalBlocks, pool.FreeBlocks);
    }

    [Fact]
    public void A_large_span_request_gets_an_oversized_block()
    {
        using var arena = new NativeArena(1 << 20);
        using var heap = NativeHeap.Create();
        using var pool = new SendBlockPool(arena, 2, 1024, heap);
        var q = new SendQueue();
        Span<byte> big = q.GetSpan(pool, 100_000);
        Assert.True(big.Length >= 100_000);
        big.Slice(0, 100_000).Fill(7);
        q.Advance(100_000);
        Assert.Equal(100_000, q.Bytes);
        q.Consume(pool, 100_000);
        Assert.True(q.IsEmpty);
        Assert.Equal(pool.TotalBlocks, pool.FreeBlocks);
    }

    [Fact]
    public void The_pool_grows_when_blocks_run_out()
    {
        using var arena = new NativeArena(1 << 20);
        using var heap = NativeHeap.Create();
        using var pool = new SendBlockPool(arena, 2, 1024, heap);
        var q = new SendQueue();
        q.Write(pool, new byte[10 * 1024]);
        Assert.True(pool.TotalBlocks > 2);
        q.Clear(pool);
        Assert.Equal(pool.TotalBlocks, pool.FreeBlocks);
    }
}
