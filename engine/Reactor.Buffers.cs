using System;

namespace Uring.Engine;

// Who holds each receive buffer, so a buffer is never handed out twice or released twice.
public sealed unsafe partial class Reactor
{
    private const byte BufferWithKernel = 0; // in the kernel's ring or the backend's free list
    private const byte BufferLent = 1;       // inside an OnData callback
    private const byte BufferRetained = 2;   // kept by a module through a BufferLease
    private const byte BufferParked = 3;     // received while reading was paused

    private byte[] _bufferState = Array.Empty<byte>();
    private uint[] _bufferStamp = Array.Empty<uint>();
    private int _retainedCount;

    /// <summary>Receive buffers held by modules through leases.</summary>
    public int RetainedBuffers => _retainedCount;

    internal BufferLease RetainReceiveBuffer(int bufferId, byte* start, int length)
    {
        if (_bufferState[bufferId] != BufferLent)
            throw new InvalidOperationException("Retain is only valid during the OnData call that lent the buffer, once.");
        _bufferState[bufferId] = BufferRetained;
        _retainedCount++;
        return new BufferLease(this, bufferId, ++_bufferStamp[bufferId], start, length);
    }

    internal void ReleaseReceiveBuffer(int bufferId, uint stamp)
    {
        if (t_current != this) throw new InvalidOperationException("A buffer lease must be released on its reactor's thread.");
        if (_bufferState[bufferId] != BufferRetained || _bufferStamp[bufferId] != stamp)
            throw new InvalidOperationException("This buffer lease was already released.");
        _bufferStamp[bufferId]++;
        _retainedCount--;
        RecycleBuffer(bufferId);
    }

    /// <summary>Returns a buffer to the kernel (or the free list) after its holder is done.</summary>
    internal void RecycleBuffer(int bufferId)
    {
        _bufferState[bufferId] = BufferWithKernel;
        _backend.RecycleReceiveBuffer(bufferId);
    }

    /// <summary>Called by a backend when the kernel hands a buffer out: it must have been with the kernel.</summary>
    internal void OnBufferTaken(int bufferId)
    {
        if (_bufferState[bufferId] != BufferWithKernel)
            throw new InvalidOperationException($"receive buffer {bufferId} handed out while still held (state {_bufferState[bufferId]})");
        _bufferState[bufferId] = BufferLent;
    }
}
