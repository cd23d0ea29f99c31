using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary><c>struct kevent</c> from sys/event.h: one change handed to kevent(), or one event it returns.</summary>
/// <remarks>
/// The macOS layout (x86_64 and arm64, 32 bytes), the one the kqueue build targets. FreeBSD 12+
/// appends <c>__uint64_t ext[4]</c> (64 bytes) and its default <c>kevent</c> symbol expects that
/// layout; a FreeBSD port needs those 32 bytes added here (and EVFILT_USER = -11, see Event.cs).
/// XNU declares the struct under <c>#pragma pack(4)</c>, which changes nothing on 64-bit: every
/// field already falls on its natural alignment.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public unsafe struct kevent
{
    /// <summary>The descriptor (EVFILT_READ/WRITE) or a free number (EVFILT_USER).</summary>
    public nuint ident;
    public short filter;
    public ushort flags;
    public uint fflags;
    /// <summary>Filter data: bytes readable/writable, or the errno of an EV_ERROR change.</summary>
    public nint data;
    /// <summary>Opaque to the kernel: returned unchanged with each event.</summary>
    public void* udata;
}
