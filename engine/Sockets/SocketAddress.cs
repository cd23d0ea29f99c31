using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Uring.Engine.Sockets;

/// <summary>Converts between <see cref="IPEndPoint"/> and the kernel's sockaddr_in / sockaddr_in6 bytes.</summary>
internal static unsafe class SocketAddress
{
#if URING_BACKEND_KQUEUE
    // BSD/macOS: AF_INET6 is 30 (native/Bsd/Socket.cs), and a sockaddr starts with its length byte, then
    // an 8-bit family (native/Bsd/sockaddr_in.cs); the rest of the layout is Linux's.
    public const int AF_INET = 2, AF_INET6 = Native.Bsd.LibC.AF_INET6;
#else
    public const int AF_INET = 2, AF_INET6 = 10;
#endif
    public const int MaxSize = 28; // sizeof(struct sockaddr_in6)

    /// <summary>Writes <paramref name="ep"/> to <paramref name="dest"/> (at least <see cref="MaxSize"/> bytes); returns its length.</summary>
    public static int Write(IPEndPoint ep, byte* dest)
    {
        new Span<byte>(dest, MaxSize).Clear();
        if (ep.AddressFamily == AddressFamily.InterNetwork)
        {
            WriteFamily(dest, AF_INET, 16);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(dest + 2, 2), (ushort)ep.Port);
            ep.Address.TryWriteBytes(new Span<byte>(dest + 4, 4), out _);
            return 16;
        }
        if (ep.AddressFamily == AddressFamily.InterNetworkV6)
        {
            WriteFamily(dest, AF_INET6, 28);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(dest + 2, 2), (ushort)ep.Port);
            ep.Address.TryWriteBytes(new Span<byte>(dest + 8, 16), out _);
            *(uint*)(dest + 24) = (uint)ep.Address.ScopeId;
            return 28;
        }
        throw new NotSupportedException($"Address family {ep.AddressFamily} is not supported.");
    }

    public static IPEndPoint? Read(byte* src, int length)
    {
        int family = ReadFamily(src);
        int port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(src + 2, 2));
        if (family == AF_INET && length >= 16) return new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(src + 4, 4)), port);
        if (family == AF_INET6 && length >= 28)
            return new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(src + 8, 16), *(uint*)(src + 24)), port);
        return null;
    }

    /// <summary>The family field: 16 bits on Linux; on BSD/macOS a length byte, then 8 bits of family.</summary>
    private static void WriteFamily(byte* sa, int family, int length)
    {
#if URING_BACKEND_KQUEUE
        sa[0] = (byte)length;
        sa[1] = (byte)family;
#else
        *(ushort*)sa = (ushort)family;
#endif
    }

#if URING_BACKEND_KQUEUE
    private static int ReadFamily(byte* sa) => sa[1];
#else
    private static int ReadFamily(byte* sa) => *(ushort*)sa;
#endif
}
