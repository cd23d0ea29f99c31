using System;
using System.Collections.Generic;

namespace Uring.Http1;

/// <summary>
/// Byte arrays on the pinned object heap, pooled per reactor thread in power-of-two sizes. Pinned,
/// because a request's fields are kept as pointers into whichever buffer holds its head.
/// Single-threaded: one instance per reactor.
/// </summary>
internal sealed class PinnedBufferPool
{
    private const int MinShift = 10;   // 1 KB
    private const int MaxShift = 17;   // 128 KB
    private const int MaxKeptPerSize = 256;

    private readonly Stack<byte[]>[] _free = new Stack<byte[]>[MaxShift - MinShift + 1];

    public PinnedBufferPool()
    {
        for (int i = 0; i < _free.Length; i++) _free[i] = new Stack<byte[]>();
    }

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes.</summary>
    public byte[] Rent(int minimumLength)
    {
        int shift = Math.Max(MinShift, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Max(1, minimumLength - 1)));
        if (shift > MaxShift) return GC.AllocateUninitializedArray<byte>(minimumLength, pinned: true);
        Stack<byte[]> free = _free[shift - MinShift];
        return free.Count > 0 ? free.Pop() : GC.AllocateUninitializedArray<byte>(1 << shift, pinned: true);
    }

    public void Return(byte[] buffer)
    {
        int length = buffer.Length;
        if ((length & (length - 1)) != 0) return; // an oversized one-off
        int shift = System.Numerics.BitOperations.Log2((uint)length);
        if (shift < MinShift || shift > MaxShift) return;
        Stack<byte[]> free = _free[shift - MinShift];
        if (free.Count < MaxKeptPerSize) free.Push(buffer);
    }
}
