using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Submission queue entry, <c>struct io_uring_sqe</c> in include/uapi/linux/io_uring.h (64 bytes).</summary>
/// <remarks>The C unions are shared <see cref="FieldOffsetAttribute"/>s; only the members the engine
/// uses are spelled out, under their uapi names.</remarks>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct io_uring_sqe
{
    [FieldOffset(0)] public byte opcode;
    [FieldOffset(1)] public byte flags;
    [FieldOffset(2)] public ushort ioprio;
    [FieldOffset(4)] public int fd;

    // union { off; addr2; struct { cmd_op; __pad1; } }
    [FieldOffset(8)] public ulong off;
    [FieldOffset(8)] public ulong addr2;

    // union { addr; splice_off_in; struct { level; optname; } }
    [FieldOffset(16)] public ulong addr;

    [FieldOffset(24)] public uint len;

    // union of the per-opcode flag words
    [FieldOffset(28)] public uint rw_flags;
    [FieldOffset(28)] public uint msg_flags;
    [FieldOffset(28)] public uint timeout_flags;
    [FieldOffset(28)] public uint accept_flags;
    [FieldOffset(28)] public uint cancel_flags;
    [FieldOffset(28)] public uint poll32_events;
    [FieldOffset(28)] public uint msg_ring_flags;

    [FieldOffset(32)] public ulong user_data;

    // union { buf_index; buf_group } (packed)
    [FieldOffset(40)] public ushort buf_index;
    [FieldOffset(40)] public ushort buf_group;
    [FieldOffset(42)] public ushort personality;

    // union { splice_fd_in; file_index; optlen; struct { addr_len; __pad3[1]; } }
    [FieldOffset(44)] public int splice_fd_in;
    [FieldOffset(44)] public uint file_index;
    [FieldOffset(44)] public ushort addr_len;

    // union { struct { addr3; __pad2[1]; }; optval; cmd[0]; }
    [FieldOffset(48)] public ulong addr3;
    [FieldOffset(56)] public ulong __pad2;
}
