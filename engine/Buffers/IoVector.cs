using System.Runtime.InteropServices;

namespace Uring.Engine.Buffers;

/// <summary>
/// <c>struct iovec</c> as every LP64 Unix lays it out (a pointer, then a size_t: 16 bytes), so the
/// send queue can describe its ranges once for io_uring, epoll and kqueue alike without depending on
/// one platform's binding. Backends pass a pointer to these where their iovec is expected.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}
