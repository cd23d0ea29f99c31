using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Uring.Engine.Sockets;

/// <summary>Converts between <see cref="IPEndPoint"/> and the kernel's sockaddr_in / sockaddr_in6 bytes.</summary>
internal static unsafe class SocketAddress
{
    public const int AF_INET = 2, AF_INET6 = 10;
    public const int MaxSize = 28; // sizeof(struct sockaddr_in6)

    /// <summary>Writes <paramref name="ep"/> to <paramref name="dest"/> (at least <see cref="MaxSize"/> bytes); returns its length.</summary>
    public static int Write(IPEndPoint ep, byte* dest)
    {
        new Span<byte>(dest, MaxSize).Clear();
        if (ep.AddressFamily == AddressFamily.InterNetwork)
        {
            *(ushort*)dest = AF_INET;
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(dest + 2, 2), (ushort)ep.Port);
            ep.Address.TryWriteBytes(new Span<byte>(dest + 4, 4), out _);
            return 16;
        }
        if (ep.AddressFamily == AddressFamily.InterNetworkV6)
        {
            *(ushort*)dest = AF_INET6;
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(dest + 2, 2), (ushort)ep.Port);
            ep.Address.TryWriteBytes(new Span<byte>(dest + 8, 16), out _);
            *(uint*)(dest + 24) = (uint)ep.Address.ScopeId;
            return 28;
        }
        throw new NotSupportedException($"Address family {ep.AddressFamily} is not supported.");
    }

    public static IPEndPoint? Read(byte* src, int length)
    {
        ushort family = *(ushort*)src;
        int port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(src + 2, 2));
        if (family == AF_INET && length >= 16) return new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(src + 4, 4)), port);
        if (family == AF_INET6 && length >= 28)
            return new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(src + 8, 16), *(uint*)(src + 24)), port);
        return null;
    }

    /// <summary>Parses "host:port", "[v6]:port", "*:port" or a bare port ("8080" = all IPv4 addresses).</summary>
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        text = text.Trim();
        if (int.TryParse(text, out int bare) && bare is >= 0 and <= 65535)
        {
            endPoint = new IPEndPoint(IPAddress.Any, bare);
            return true;
        }
        if (text.StartsWith("*:", StringComparison.Ordinal)) text = "0.0.0.0" + text.Substring(1);
        else if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1" + text.Substring(9);
        if (!IPEndPoint.TryParse(text, out IPEndPoint? ep)) return false;
        int colon = text.LastIndexOf(':');
        if (colon < 0 || (text.Contains('[') && !text.Contains("]:", StringComparison.Ordinal))) return false; // a port is required
        endPoint = ep;
        return true;
    }
}
