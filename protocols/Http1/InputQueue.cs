using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Uring.Http1;

/// <summary>
/// Received bytes a connection could not process inside the callback that lent them: a partial
/// request head, body bytes a handler has not read yet, pipelined requests waiting their turn.
/// Empty (and holding no buffer) in the common case where each receive holds whole requests.
/// </summary>
internal unsafe struct InputQueue
{
    private const int InitialSize = 2048;

    private byte[]? _buffer;
    private int _start;
    private int _end;

    public readonly int Length => _end - _start;

    public readonly bool IsEmpty => _end == _start;

    public readonly ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Address of the first queued byte (the buffer is pinned).</summary>
    public readonly byte* Pointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer!)) + _start;

    /// <summary>Appends a copy of <paramref name="data"/>. May move the queued bytes: nothing may point into them.</summary>
    public void Append(PinnedBufferPool pool, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        int length = Length;
        if (_buffer is null)
        {
            _buffer = pool.Rent(Math.Max(InitialSize, data.Length));
        }
        else if (_end + data.Length > _buffer.Length)
        {
            if (length + data.Length <= _buffer.Length)
            {
                _buffer.AsSpan(_start, length).CopyTo(_buffer);
            }
            else
            {
                byte[] bigger = pool.Rent(length + data.Length);
                _buffer.AsSpan(_start, length).CopyTo(bigger);
                pool.Return(_buffer);
                _buffer = bigger;
            }
            _start = 0;
            _end = length;
        }
        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
    }

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Gives the buffer back once empty, so an idle connection holds none.</summary>
    public void ReleaseIfEmpty(PinnedBufferPool pool)
    {
        if (_buffer is null || _end != _start) return;
        pool.Return(_buffer);
        _buffer = null;
        _start = _end = 0;
    }

    public void Clear(PinnedBufferPool pool)
    {
        _start = _end = 0;
        ReleaseIfEmpty(pool);
    }
}
