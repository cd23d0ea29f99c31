using System.Runtime.InteropServices;

namespace Uring.Native;

/// <summary>Extended argument of io_uring_enter with IORING_ENTER_EXT_ARG,
/// <c>struct io_uring_getevents_arg</c> (24 bytes): a wait with a timeout in one syscall.</summary>
[StructLayout(LayoutKind.Sequential, Size = 24)]
public struct io_uring_getevents_arg
{
    public ulong sigmask;
    public uint sigmask_sz;
    /// <summary>Named <c>pad</c> before 6.12, <c>min_wait_usec</c> since.</summary>
    public uint min_wait_usec;
    public ulong ts;
}
