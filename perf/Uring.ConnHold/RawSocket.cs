using System;
using System.Net;
using Tmds.Linux;
using Uring.Engine;

namespace Uring.ConnHold;

/// <summary>
/// The few IPv4 socket calls the tool makes, on raw descriptors: a .NET <c>Socket</c> per
/// connection would cost the client far more memory and CPU than the idle connection costs the
/// server, and tens of thousands of them are held at once. Calls return a negative errno on failure.
/// </summary>
public static unsafe class RawSocket
{
    public const int AF_INET = 2, SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, SO_ERROR = 4, SO_LINGER = 13, SO_RCVTIMEO = 20;
    public const int IPPROTO_IP = 0, IPPROTO_TCP = 6, TCP_NODELAY = 1;
    // Linux 4.2+: bind() only records the source address and the port is chosen at connect(), by
    // the whole 4-tuple, so a bound socket does not use up a port for every server address.
    public const int IP_BIND_ADDRESS_NO_PORT = 24;
    private const int SockaddrInSize = 16;

    /// <summary>A TCP socket, non-blocking unless <paramref name="blocking"/>.</summary>
    public static int Create(bool blocking = false)
    {
        int fd = LibC.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
        return fd < 0 ? -LibC.errno : fd;
    }

    public static int SetInt(int fd, int level, int name, int value)
    {
        int rc = LibC.setsockopt(fd, level, name, &value, sizeof(int));
        return rc < 0 ? -LibC.errno : 0;
    }

    /// <summary>SO_ERROR: the outcome of a non-blocking connect (0 = connected).</summary>
    public static int PendingError(int fd)
    {
        int value = 0;
        socklen_t len = sizeof(int);
        return LibC.getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &len) < 0 ? LibC.errno : value;
    }

    /// <summary>Binds to <paramref name="source"/> with the port left to connect().</summary>
    public static int BindSource(int fd, IPAddress source)
    {
        SetInt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1);
        byte* sa = stackalloc byte[SockaddrInSize];
        Write(new IPEndPoint(source, 0), sa);
        return LibC.bind(fd, (sockaddr*)sa, SockaddrInSize) < 0 ? -LibC.errno : 0;
    }

    /// <summary>0 when connected, -EINPROGRESS when a non-blocking connect is under way, else -errno.</summary>
    public static int Connect(int fd, IPEndPoint server)
    {
        byte* sa = stackalloc byte[SockaddrInSize];
        Write(server, sa);
        while (true)
        {
            if (LibC.connect(fd, (sockaddr*)sa, SockaddrInSize) == 0) return 0;
            int e = LibC.errno;
            if (e != Errno.EINTR) return -e;
        }
    }

    /// <summary>Sends all of <paramref name="data"/> (a request fits any fresh socket's buffer); bytes sent or -errno.</summary>
    public static int Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int sent = 0;
            while (sent < data.Length)
            {
                long n = LibC.send(fd, p + sent, (size_t)(data.Length - sent), LibC.MSG_NOSIGNAL);
                if (n >= 0) { sent += (int)n; continue; }
                int e = LibC.errno;
                if (e == Errno.EINTR) continue;
                return sent > 0 ? sent : -e;
            }
            return sent;
        }
    }

    /// <summary>Bytes received, 0 at end of stream, or -errno (-EAGAIN: nothing yet).</summary>
    public static int Receive(int fd, Span<byte> into)
    {
        fixed (byte* p = into)
        {
            while (true)
            {
                long n = LibC.recv(fd, p, (size_t)into.Length, 0);
                if (n >= 0) return (int)n;
                int e = LibC.errno;
                if (e != Errno.EINTR) return -e;
            }
        }
    }

    /// <summary>Closes; <paramref name="reset"/> sends RST (SO_LINGER 0) instead of FIN, so no TIME_WAIT is left.</summary>
    public static void Close(int fd, bool reset)
    {
        if (reset)
        {
            // struct linger { int l_onoff; int l_linger; }
            int* linger = stackalloc int[2];
            linger[0] = 1;
            linger[1] = 0;
            LibC.setsockopt(fd, SOL_SOCKET, SO_LINGER, linger, 2 * sizeof(int));
        }
        LibC.close(fd);
    }

    /// <summary>SO_RCVTIMEO on a blocking socket, so the probe's recv cannot wait forever.</summary>
    public static void SetReceiveTimeout(int fd, TimeSpan timeout)
    {
        // struct timeval { long tv_sec; long tv_usec; }
        long* tv = stackalloc long[2];
        long micros = Math.Max(1000, (long)timeout.TotalMicroseconds);
        tv[0] = micros / 1_000_000;
        tv[1] = micros % 1_000_000;
        LibC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 2 * sizeof(long));
    }

    public static string Describe(int errno) => Errno.Name(errno);

    // struct sockaddr_in: family (host order), port (network order), address, 8 bytes of zero.
    private static void Write(IPEndPoint ep, byte* sa)
    {
        new Span<byte>(sa, SockaddrInSize).Clear();
        *(ushort*)sa = AF_INET;
        sa[2] = (byte)(ep.Port >> 8);
        sa[3] = (byte)ep.Port;
        ep.Address.TryWriteBytes(new Span<byte>(sa + 4, 4), out _);
    }
}
