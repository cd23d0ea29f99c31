using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Argument of io_uring_setup(2), <c>struct io_uring_params</c> (120 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 120)]
public unsafe struct io_uring_params
{
    public uint sq_entries;
    public uint cq_entries;
    public uint flags;
    public uint sq_thread_cpu;
    public uint sq_thread_idle;
    public uint features;
    public uint wq_fd;
    public fixed uint resv[3];
    public io_sqring_offsets sq_off;
    public io_cqring_offsets cq_off;
}
