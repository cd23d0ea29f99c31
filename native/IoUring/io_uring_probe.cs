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

/// <summary>One opcode's entry in a probe, <c>struct io_uring_probe_op</c> (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
public struct io_uring_probe_op
{
    public byte op;
    public byte resv;
    /// <summary><see cref="IoUring.IO_URING_OP_SUPPORTED"/> when the kernel knows the opcode.</summary>
    public ushort flags;
    public uint resv2;
}
