using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>One entry of a provided-buffer ring, <c>struct io_uring_buf</c> (16 bytes).</summary>
/// <remarks>The ring (<c>struct io_uring_buf_ring</c>) is an array of these whose first entry's
/// <see cref="resv"/> doubles as the ring's 16-bit tail (offset 14, <see cref="IoUring.IO_URING_BUF_RING_TAIL_OFFSET"/>).</remarks>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct io_uring_buf
{
    public ulong addr;
    public uint len;
    public ushort bid;
    public ushort resv;
}
