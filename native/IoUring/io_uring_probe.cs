using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Header of the IORING_REGISTER_PROBE result, <c>struct io_uring_probe</c> (16 bytes),
/// followed in memory by <see cref="ops_len"/> <see cref="io_uring_probe_op"/> entries.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public unsafe struct io_uring_probe
{
    public byte last_op;
    public byte ops_len;
    public ushort resv;
    public fixed uint resv2[3];
}
