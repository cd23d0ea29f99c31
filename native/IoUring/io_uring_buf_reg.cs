using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Argument of IORING_REGISTER_PBUF_RING, <c>struct io_uring_buf_reg</c> (40 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
public unsafe struct io_uring_buf_reg
{
    public ulong ring_addr;
    public uint ring_entries;
    public ushort bgid;
    public ushort flags;
    public fixed ulong resv[3];
}
