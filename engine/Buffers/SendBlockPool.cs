using System;
using Uring.Engine.Memory;

namespace Uring.Engine.Buffers;

/// <summary>
/// The reactor's pool of send blocks. The first <see cref="InitialCount"/> blocks come from the
/// arena; when they run out the pool grows in chunks from the reactor's native heap (and keeps
/// them), so a burst of output is never refused: the connection's high-water mark is what limits
/// producers. Oversized blocks for single large writes come from the same heap (mimalloc's
/// per-thread heap where installed: a benchmark measured it 2-5x faster than NativeMemory).
/// Single-threaded: only the reactor thread touches it.
/// </summary>
internal sealed unsafe class SendBlockPool : IDisposable
{
    private nint[] _free;
    private int _freeCount;
    private readonly System.Collections.Generic.List<nint> _chunks = new();

    public int BlockSize { get; }
    public int DataCapacity => BlockSize - SendBlock.HeaderSize;
    public int InitialCount { get; }
    public int TotalBlocks { get; private set; }
    public int FreeBlocks => _freeCount;

    private readonly NativeHeap _heap;

    public SendBlockPool(NativeArena arena, int count, int blockSize, NativeHeap heap)
    {
        _heap = heap;
        BlockSize = blockSize;
        InitialCount = count;
        _free = new nint[Math.Max(count, 16)];
        byte* area = arena.Allocate((nuint)count * (nuint)blockSize, 4096);
        AddBlocks(area, count);
    }

    private void AddBlocks(byte* area, int count)
    {
        // Every block can come back at once: the free list must hold them all.
        if (TotalBlocks + count > _free.Length) Array.Resize(ref _free, Math.Max(_free.Length * 2, TotalBlocks + count));
        for (int i = count - 1; i >= 0; i--) _free[_freeCount++] = (nint)(area + (nint)i * BlockSize);
        TotalBlocks += count;
    }

    public SendBlock* Rent()
    {
        if (_freeCount == 0) Grow();
        var b = (SendBlock*)_free[--_freeCount];
        b->Next = null;
        b->Start = 0;
        b->End = 0;
        b->Capacity = DataCapacity;
        b->Kind = 0;
        b->External = null;
        return b;
    }

    /// <summary>A block for one write larger than a pooled block; freed, not pooled, once sent.</summary>
    public SendBlock* RentOversized(int dataSize)
    {
        var b = (SendBlock*)_heap.AllocAligned((nuint)(SendBlock.HeaderSize + dataSize), 64);
        b->Next = null;
        b->Start = 0;
        b->End = 0;
        b->Capacity = dataSize;
        b->Kind = SendBlock.KindOversized;
        b->External = null;
        return b;
    }

    /// <summary>A header-only block that sends <paramref name="length"/> bytes at <paramref name="data"/> in place:
    /// full at once, so later writes start a new block.</summary>
    public SendBlock* RentExternal(byte* data, int length)
    {
        var b = (SendBlock*)_heap.Alloc((nuint)SendBlock.HeaderSize);
        b->Next = null;
        b->Start = 0;
        b->End = length;
        b->Capacity = length;
        b->Kind = SendBlock.KindExternal;
        b->External = data;
        return b;
    }

    public void Return(SendBlock* b)
    {
        if (b->Kind == SendBlock.KindExternal)
        {
            _heap.Free(b);
            return;
        }
        if (b->Kind != 0)
        {
            _heap.FreeAligned(b);
            return;
        }
        _free[_freeCount++] = (nint)b;
    }

    private void Grow()
    {
        int count = Math.Max(64, TotalBlocks / 4);
        var chunk = (byte*)_heap.AllocAligned((nuint)count * (nuint)BlockSize, 4096);
        _chunks.Add((nint)chunk);
        AddBlocks(chunk, count);
    }

    public void Dispose()
    {
        foreach (nint c in _chunks) _heap.FreeAligned((void*)c);
        _chunks.Clear();
    }
}
