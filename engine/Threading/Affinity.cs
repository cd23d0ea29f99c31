using System;
using Tmds.Linux;

namespace Uring.Engine.Threading;

/// <summary>CPU pinning and the set of CPUs this process may run on.</summary>
public static unsafe class Affinity
{
    /// <summary>Pins the calling thread to <paramref name="cpu"/> (sched_setaffinity on the thread's own id).</summary>
    public static void PinCurrentThread(int cpu)
    {
#if URING_BACKEND_KQUEUE
        // macOS has no sched_setaffinity (its affinity API is a hint, and absent on arm64): reactor threads
        // run unpinned, which the kqueue backend's start-up line says.
        _ = cpu;
#else
        cpu_set_t set = default;
        LibC.CPU_ZERO(&set);
        LibC.CPU_SET(cpu, &set);
        if (LibC.sched_setaffinity(0, (size_t)sizeof(cpu_set_t), &set) < 0)
            throw new InvalidOperationException($"cannot pin to CPU {cpu}: {Errno.Name(LibC.errno)}");
#endif
    }

    /// <summary>The CPUs this process is allowed to run on, ascending.</summary>
    public static int[] AllowedCpus()
    {
#if !URING_BACKEND_KQUEUE // no sched_getaffinity on macOS: every CPU is allowed
        cpu_set_t set = default;
        if (LibC.sched_getaffinity(0, (size_t)sizeof(cpu_set_t), &set) < 0)
#endif
        {
            var all = new int[Environment.ProcessorCount];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            return all;
        }
#if !URING_BACKEND_KQUEUE
        var list = new System.Collections.Generic.List<int>();
        for (int cpu = 0; cpu < sizeof(cpu_set_t) * 8; cpu++)
            if (LibC.CPU_ISSET(cpu, &set)) list.Add(cpu);
        return list.ToArray();
#endif
    }
}
