using System;
using System.Net;
using System.Net.Sockets;
#if URING_BACKEND_KQUEUE
// macOS/BSD: Tmds.LibC binds glibc with Linux numbers, so these calls go through native/Bsd (Bsd/BsdCalls.cs).
using LibC = Uring.Engine.Sockets.Bsd.BsdCalls;
using BsdLibC = Uring.Native.Bsd.LibC;
#pragma warning disable CS8981 // the C names, as Tmds.LibC spells them on Linux
using sockaddr = Uring.Native.Bsd.sockaddr;
using socklen_t = System.UInt32;
#pragma warning restore CS8981
#else
using Tmds.Linux;
#endif

namespace Uring.Engine.Sockets;

/// <summary>The few socket set-up syscalls the engine makes outside the ring (once per listener or outbound connection).</summary>
internal static unsafe class Socket
{
#if URING_BACKEND_KQUEUE
    // The BSD/macOS numbers (native/Bsd/Socket.cs, In.cs): SOL_SOCKET, the SO_* options and IPV6_V6ONLY differ from Linux.
    public const int SOL_SOCKET = BsdLibC.SOL_SOCKET, SO_REUSEADDR = BsdLibC.SO_REUSEADDR, SO_SNDBUF = BsdLibC.SO_SNDBUF, SO_RCVBUF = BsdLibC.SO_RCVBUF,
        SO_KEEPALIVE = BsdLibC.SO_KEEPALIVE, SO_LINGER = BsdLibC.SO_LINGER, SO_REUSEPORT = BsdLibC.SO_REUSEPORT;
    public const int IPPROTO_TCP = 6, TCP_NODELAY = 1, IPPROTO_IPV6 = 41, IPV6_V6ONLY = BsdLibC.IPV6_V6ONLY;
    public const int SOCK_STREAM = 1;
#else
    public const int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_LINGER = 13, SO_REUSEPORT = 15;
    public const int IPPROTO_TCP = 6, TCP_NODELAY = 1, IPPROTO_IPV6 = 41, IPV6_V6ONLY = 26;
    public const int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
#endif

    /// <summary>Creates a TCP socket for <paramref name="family"/>; returns the fd or -errno.</summary>
    public static int Create(AddressFamily family, bool nonBlocking)
    {
        int af = family == AddressFamily.InterNetworkV6 ? SocketAddress.AF_INET6 : SocketAddress.AF_INET;
#if URING_BACKEND_KQUEUE
        return Bsd.BsdCalls.CreateSocket(af, nonBlocking); // no SOCK_NONBLOCK / SOCK_CLOEXEC on macOS
#else
        int fd = LibC.socket(af, SOCK_STREAM | SOCK_CLOEXEC | (nonBlocking ? SOCK_NONBLOCK : 0), 0);
        return fd < 0 ? -LibC.errno : fd;
#endif
    }

    public static void Close(int fd) => LibC.close(fd);

    public static int SetInt(int fd, int level, int name, int value)
    {
        int rc = LibC.setsockopt(fd, level, name, &value, sizeof(int));
        return rc < 0 ? -LibC.errno : 0;
    }

    public static int GetInt(int fd, int level, int name)
    {
        int value = 0;
        socklen_t len = sizeof(int);
        int rc = LibC.getsockopt(fd, level, name, &value, &len);
        return rc < 0 ? -LibC.errno : value;
    }

    /// <summary>A listening socket bound to <paramref name="ep"/> with SO_REUSEPORT, so every reactor binds its own
    /// and the kernel spreads new connections across them. Throws with the reason on failure.</summary>
    public static int Listen(IPEndPoint ep, int backlog, bool nonBlocking, int sendBuffer, int receiveBuffer)
    {
        int fd = Create(ep.AddressFamily, nonBlocking);
        if (fd < 0) throw new SocketSetupException($"socket() failed: {Errno.Name(-fd)}", -fd);
        try
        {
            Check(SetInt(fd, SOL_SOCKET, SO_REUSEADDR, 1), "SO_REUSEADDR");
            Check(SetInt(fd, SOL_SOCKET, SO_REUSEPORT, 1), "SO_REUSEPORT");
            // Accepted sockets inherit TCP_NODELAY and the buffer sizes from the listener,
            // which saves a setsockopt per connection.
            Check(SetInt(fd, IPPROTO_TCP, TCP_NODELAY, 1), "TCP_NODELAY");
            if (sendBuffer > 0) Check(SetInt(fd, SOL_SOCKET, SO_SNDBUF, sendBuffer), "SO_SNDBUF");
            if (receiveBuffer > 0) Check(SetInt(fd, SOL_SOCKET, SO_RCVBUF, receiveBuffer), "SO_RCVBUF");
            if (ep.AddressFamily == AddressFamily.InterNetworkV6 && ep.Address.Equals(IPAddress.IPv6Any))
                SetInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);

            byte* sa = stackalloc byte[SocketAddress.MaxSize];
            int len = SocketAddress.Write(ep, sa);
            if (LibC.bind(fd, (sockaddr*)sa, (uint)len) < 0)
            {
                int e = LibC.errno;
                throw new SocketSetupException($"bind {ep} failed: {Errno.Name(e)}", e);
            }
            if (LibC.listen(fd, backlog) < 0)
            {
                int e = LibC.errno;
                throw new SocketSetupException($"listen {ep} failed: {Errno.Name(e)}", e);
            }
            return fd;
        }
        catch
        {
            LibC.close(fd);
            throw;
        }
    }

    public static IPEndPoint? LocalEndPoint(int fd)
    {
        byte* sa = stackalloc byte[128];
        socklen_t len = 128;
        if (LibC.getsockname(fd, (sockaddr*)sa, &len) < 0) return null;
        return SocketAddress.Read(sa, (int)len);
    }

    public static IPEndPoint? RemoteEndPoint(int fd)
    {
        byte* sa = stackalloc byte[128];
        socklen_t len = 128;
        if (LibC.getpeername(fd, (sockaddr*)sa, &len) < 0) return null;
        return SocketAddress.Read(sa, (int)len);
    }

    private static void Check(int rc, string what)
    {
        if (rc < 0) throw new SocketSetupException($"setsockopt {what} failed: {Errno.Name(-rc)}", -rc);
    }
}

/// <summary>A listener or outbound socket could not be set up (address in use, bad address...).</summary>
public sealed class SocketSetupException : Exception
{
    public int Errno { get; }

    public SocketSetupException(string message, int errno) : base(message) => Errno = errno;
}
