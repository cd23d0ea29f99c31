using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Argument of IORING_REGISTER_RING_FDS and file updates, <c>struct io_uring_rsrc_update</c> (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct io_uring_rsrc_update
{
    public uint offset;
    public uint resv;
    public ulong data;
}
