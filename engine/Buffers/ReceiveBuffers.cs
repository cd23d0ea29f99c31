namespace Uring.Engine.Buffers;

/// <summary>
/// The reactor's receive buffers: <see cref="Count"/> equal buffers of <see cref="Size"/> bytes,
/// contiguous in the arena and named by their index (the io_uring buffer id). Who holds a buffer
/// at a given moment is the backend's business: the kernel's buffer ring, a connection's
/// callback, or a module that retained it (see docs/buffers.md).
/// </summary>
internal sealed unsafe class ReceiveBuffers
{
    public readonly byte* Base;
    public readonly int Size;
    public readonly int Count;

    public ReceiveBuffers(NativeArena arena, int count, int size)
    {
        Count = count;
        Size = size;
        Base = arena.Allocate((nuint)count * (nuint)size, 4096);
    }

    public byte* Address(int id) => Base + (nint)id * Size;
}
