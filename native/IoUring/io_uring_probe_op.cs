using System.Runtime.InteropServices;

namespace Uring.Native;

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
