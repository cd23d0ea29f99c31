using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Completion queue entry, <c>struct io_uring_cqe</c> in include/uapi/linux/io_uring.h (16 bytes
/// without <c>IORING_SETUP_CQE32</c>).</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
public struct io_uring_cqe
{
    public ulong user_data;
    public int res;
    public uint flags;
}
