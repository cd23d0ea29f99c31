using System;
using Tmds.Linux;

namespace Uring.Engine.Buffers;

/// <summary>
/// One reactor's block of native memory, mapped once at start-up and carved by bump allocation
/// into its receive buffers and send blocks. Mapped by the reactor's own (pinned) thread, so the
/// pages are first touched, and therefore placed, on that core's NUMA node.
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly byte* _base;
    private readonly nuint _size;
    private nuint _used;

    public byte* Base => _base;
    public nuint Size => _size;
    public nuint Used => _used;

    public NativeArena(nuint size)
    {
        _size = AlignUp(size, 4096);
#if URING_BACKEND_KQUEUE
        // BSD/macOS: MAP_ANON is 0x1000 (Linux 0x20), and Tmds.LibC binds glibc; native/Bsd/Mman.cs has both right.
        nint p = Native.Bsd.LibC.mmap(null, _size, Native.Bsd.LibC.PROT_READ | Native.Bsd.LibC.PROT_WRITE,
            Native.Bsd.LibC.MAP_PRIVATE | Native.Bsd.LibC.MAP_ANON, -1, 0);
        if (p < 0) throw new OutOfMemoryException($"mmap of a {_size}-byte arena failed: {Errno.Name(Sockets.Bsd.BsdErrno.ToEngine((int)-p))}");
#else
        void* p = LibC.mmap(null, (size_t)(ulong)_size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        if (p == (void*)-1) throw new OutOfMemoryException($"mmap of a {_size}-byte arena failed: {Errno.Name(LibC.errno)}");
#endif
        _base = (byte*)p;
    }

    /// <summary>Takes <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    public byte* Allocate(nuint size, nuint alignment)
    {
        nuint start = AlignUp(_used, alignment);
        if (start + size > _size) throw new OutOfMemoryException($"arena of {_size} bytes exhausted");
        _used = start + size;
        return _base + start;
    }

    public static nuint AlignUp(nuint value, nuint alignment) => (value + alignment - 1) & ~(alignment - 1);

    public void Dispose()
    {
#if URING_BACKEND_KQUEUE
        if (_base != null) Native.Bsd.LibC.munmap(_base, _size);
#else
        if (_base != null) LibC.munmap(_base, (size_t)(ulong)_size);
#endif
    }
}
