using System;
using System.Runtime.CompilerServices;

namespace Uring.Engine.Buffers;

/// <summary>
/// A connection's pending output: a chain of <see cref="SendBlock"/>s from the reactor's pool.
/// Writers append at the tail; the backend sends from the head and <see cref="Consume"/>s what
/// the kernel accepted. Appending while a send is in flight is safe: the kernel only reads the
/// byte ranges it was given, and those are never rewritten until their completion.
/// </summary>
internal unsafe struct SendQueue
{
    private SendBlock* _head;
    private SendBlock* _tail;
    private long _bytes;

    /// <summary>Bytes written and not yet acknowledged by a send completion.</summary>
    public readonly long Bytes => _bytes;
    public readonly bool IsEmpty => _bytes == 0;

    /// <summary>A writable span of at least <paramref name="sizeHint"/> bytes (at least one when 0).</summary>
    public Span<byte> GetSpan(SendBlockPool pool, int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        SendBlock* t = _tail;
        if (t == null || t->Capacity - t->End < sizeHint) t = AppendBlock(pool, sizeHint);
        return new Span<byte>(t->Data + t->End, t->Capacity - t->End);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        SendBlock* t = _tail;
        if ((uint)count > (uint)(t->Capacity - t->End)) ThrowAdvance();
        t->End += count;
        _bytes += count;
    }

    /// <summary>Copies <paramref name="data"/> to the tail, spilling into new blocks as needed.</summary>
    public void Write(SendBlockPool pool, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            Span<byte> span = GetSpan(pool, Math.Min(data.Length, pool.DataCapacity));
            int n = Math.Min(span.Length, data.Length);
            data.Slice(0, n).CopyTo(span);
            Advance(n);
            data = data.Slice(n);
        }
    }

    /// <summary>Queues <paramref name="length"/> bytes at <paramref name="data"/> without copying them.</summary>
    public void AppendExternal(SendBlockPool pool, byte* data, int length)
    {
        SendBlock* b = pool.RentExternal(data, length);
        if (_tail == null) _head = b;
        else _tail->Next = b;
        _tail = b;
        _bytes += length;
    }

    private SendBlock* AppendBlock(SendBlockPool pool, int sizeHint)
    {
        SendBlock* b = sizeHint > pool.DataCapacity ? pool.RentOversized(sizeHint) : pool.Rent();
        if (_tail == null) _head = b;
        else _tail->Next = b;
        _tail = b;
        return b;
    }

    /// <summary>Describes up to <paramref name="max"/> pending ranges as iovecs; returns the count and their total.</summary>
    public readonly int FillIovecs(IoVector* iov, int max, out long total)
    {
        int n = 0;
        total = 0;
        for (SendBlock* b = _head; b != null && n < max; b = b->Next)
        {
            int len = b->End - b->Start;
            if (len == 0) continue;
            iov[n].Base = b->Data + b->Start;
            iov[n].Length = (nuint)len;
            total += len;
            n++;
        }
        return n;
    }

    /// <summary>The first pending range (for a single-buffer send).</summary>
    public readonly byte* First(out int length)
    {
        SendBlock* b = _head;
        while (b != null && b->End == b->Start) b = b->Next;
        if (b == null)
        {
            length = 0;
            return null;
        }
        length = b->End - b->Start;
        return b->Data + b->Start;
    }

    /// <summary>Drops <paramref name="count"/> sent bytes from the head, returning emptied blocks to the pool.</summary>
    public void Consume(SendBlockPool pool, long count)
    {
        _bytes -= count;
        while (count > 0)
        {
            SendBlock* b = _head;
            int len = b->End - b->Start;
            if (count < len)
            {
                b->Start += (int)count;
                return;
            }
            count -= len;
            b->Start = b->End;
            if (b->Next == null)
            {
                // Fully sent tail: give it back so an idle connection holds no block.
                _head = _tail = null;
                pool.Return(b);
                return;
            }
            _head = b->Next;
            pool.Return(b);
        }
        // Drop empty leading blocks left by a send that ended exactly on a block boundary.
        while (_head != null && _head->Start == _head->End && _head->Next != null)
        {
            SendBlock* b = _head;
            _head = b->Next;
            pool.Return(b);
        }
        if (_head != null && _head->Next == null && _head->Start == _head->End)
        {
            pool.Return(_head);
            _head = _tail = null;
        }
    }

    /// <summary>Returns every block (after an abort, once no send is in flight).</summary>
    public void Clear(SendBlockPool pool)
    {
        SendBlock* b = _head;
        while (b != null)
        {
            SendBlock* next = b->Next;
            pool.Return(b);
            b = next;
        }
        _head = _tail = null;
        _bytes = 0;
    }

    private static void ThrowAdvance() => throw new ArgumentOutOfRangeException("count", "Advance past the span returned by GetSpan.");
}
