using System;
using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>Whether this process may use io_uring with the features the engine needs.</summary>
internal static class IoUringAvailability
{
    /// <summary>Null when usable; otherwise the reason (EPERM under seccomp or kernel.io_uring_disabled, ENOSYS, too old).</summary>
    public static string? Check()
    {
        try
        {
            using Ring ring = Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 16, SetupFlags = 0, RegisterRingFd = false });
            OpcodeProbe probe = OpcodeProbe.Run(ring);
            if (!probe.Supports(IORING_OP_SEND_ZC)) return "the kernel predates 6.0 (no multishot recv)";
            if (!probe.Supports(IORING_OP_MSG_RING)) return "the kernel lacks IORING_OP_MSG_RING";
            return null;
        }
        catch (IoUringUnavailableException e)
        {
            string hint = e.Result == -Errno.EPERM ? " (seccomp or kernel.io_uring_disabled)" : "";
            return e.Message + hint;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }
}
