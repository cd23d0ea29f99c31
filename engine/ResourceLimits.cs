using System;
using System.IO;
using Uring.Native;

namespace Uring.Engine;

/// <summary>The process limits a server with many connections needs raised (also used by load tools and tests).</summary>
public static unsafe class ResourceLimits
{
    /// <summary>Raises RLIMIT_NOFILE and RLIMIT_MEMLOCK as far as this process may; returns the descriptor limit now in force.</summary>
    public static ulong Raise()
    {
#if URING_BACKEND_KQUEUE
        // macOS/BSD number these differently (sys/resource.h): RLIMIT_NOFILE 8, RLIMIT_MEMLOCK 6.
        const int nofile = 8, memlock = 6;
        ulong ceiling = 1 << 20;
#else
        const int nofile = Resource.RLIMIT_NOFILE, memlock = Resource.RLIMIT_MEMLOCK;
        ulong ceiling = Math.Min(ReadNrOpen(), 1UL << 20);
#endif
        RaiseOne(nofile, ceiling);
        RaiseOne(memlock, Resource.RLIM_INFINITY);
        rlimit now;
        return Resource.getrlimit(nofile, &now) == 0 ? now.rlim_cur : 0;
    }

    private static void RaiseOne(int resource, ulong wanted)
    {
        rlimit lim;
        if (Resource.getrlimit(resource, &lim) != 0) return;
        if (lim.rlim_max < wanted)
        {
            // Raising the hard limit needs CAP_SYS_RESOURCE; without it, EPERM and we keep the old one.
            rlimit higher = new() { rlim_cur = wanted, rlim_max = wanted };
            if (Resource.setrlimit(resource, &higher) == 0) return;
        }
        if (lim.rlim_cur >= lim.rlim_max) return;
        lim.rlim_cur = lim.rlim_max;
        Resource.setrlimit(resource, &lim);
    }

    private static ulong ReadNrOpen()
    {
        try
        {
            return ulong.TryParse(File.ReadAllText("/proc/sys/fs/nr_open").Trim(), out ulong v) ? v : 1UL << 20;
        }
        catch (IOException)
        {
            return 1UL << 20;
        }
        catch (UnauthorizedAccessException)
        {
            return 1UL << 20;
        }
    }
}
