using System;
using System.Threading;
using Tmds.Linux;
using Uring.Engine.Buffers;
using Uring.Native;
using static Uring.Native.IoUring;
using io_uring_cqe = Uring.Native.io_uring_cqe;
using io_uring_params = Uring.Native.io_uring_params;
using io_uring_sqe = Uring.Native.io_uring_sqe;

namespace Uring.Engine.IoUring;

/// <summary>
/// A provided-buffer ring (IORING_REGISTER_PBUF_RING, 5.19): the kernel picks a free receive
/// buffer itself when data arrives, so an idle connection holds none. Buffers are handed back
/// by writing ring entries and publishing the tail once per loop turn.
/// </summary>
internal sealed unsafe class ProvidedBufferRing : IDisposable
{
    private readonly Ring _ring;
    private readonly ReceiveBuffers _buffers;
    private readonly io_uring_buf* _entries;
    private readonly nuint _mapSize;
    private readonly ushort* _sharedTail;
    private readonly uint _mask;
    private ushort _tail;
    private bool _registered;

    public ushort Group { get; }

    public ProvidedBufferRing(Ring ring, ushort group, ReceiveBuffers buffers)
    {
        _ring = ring;
        _buffers = buffers;
        Group = group;
        uint entries = (uint)buffers.Count;
        _mask = entries - 1;
        _mapSize = NativeArena.AlignUp((nuint)(entries * sizeof(io_uring_buf)), 4096);
        void* p = LibC.mmap(null, (size_t)(ulong)_mapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (p == (void*)-1) throw new OutOfMemoryException("mmap of the buffer ring failed");
        _entries = (io_uring_buf*)p;
        // The ring's tail overlays bufs[0].resv (struct io_uring_buf_ring).
        _sharedTail = (ushort*)((byte*)p + IO_URING_BUF_RING_TAIL_OFFSET);

        io_uring_buf_reg reg = default;
        reg.ring_addr = (ulong)p;
        reg.ring_entries = entries;
        reg.bgid = group;
        int rc = ring.Register(IORING_REGISTER_PBUF_RING, &reg, 1);
        if (rc < 0)
        {
            LibC.munmap(p, (size_t)(ulong)_mapSize);
            throw new IoUringUnavailableException($"IORING_REGISTER_PBUF_RING failed: {Errno.Name(-rc)} (needs 5.19+)", rc);
        }
        _registered = true;
        for (int id = 0; id < buffers.Count; id++) Add(id);
        Publish();
    }

    /// <summary>Queues buffer <paramref name="id"/> for the kernel; visible after <see cref="Publish"/>.</summary>
    public void Add(int id)
    {
        io_uring_buf* e = &_entries[_tail & _mask];
        // Field by field: entry 0's resv is the shared tail and must not be overwritten.
        e->addr = (ulong)_buffers.Address(id);
        e->len = (uint)_buffers.Size;
        e->bid = (ushort)id;
        _tail++;
    }

    /// <summary>Makes every added buffer visible to the kernel (a release store of the tail).</summary>
    public void Publish() => Volatile.Write(ref *_sharedTail, _tail);

    public void Dispose()
    {
        if (_registered)
        {
            io_uring_buf_reg reg = default;
            reg.bgid = Group;
            _ring.Register(IORING_UNREGISTER_PBUF_RING, &reg, 1);
            _registered = false;
        }
        LibC.munmap(_entries, (size_t)(ulong)_mapSize);
    }
}
