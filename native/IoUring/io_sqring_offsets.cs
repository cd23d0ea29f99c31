using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Offsets of the SQ ring's fields in its mmap, <c>struct io_sqring_offsets</c> (40 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
public struct io_sqring_offsets
{
    public uint head;
    public uint tail;
    public uint ring_mask;
    public uint ring_entries;
    public uint flags;
    public uint dropped;
    public uint array;
    public uint resv1;
    public ulong user_addr;
}
