using System.Threading;
using Uring.Native;
using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>
/// A small ring shared, under a lock, by threads that are not reactors (the main thread stopping
/// the server, a test), used only to send IORING_OP_MSG_RING wake-ups. Reactors wake each other
/// from their own rings. Rare by design: cross-core work is the exception.
/// </summary>
internal static unsafe class SharedWakeRing
{
    private static readonly Lock s_lock = new();
    private static Ring? s_ring;

    public static void Send(int targetRingFd, ulong payload)
    {
        lock (s_lock)
        {
            // Not SINGLE_ISSUER: any thread may hold the lock.
            s_ring ??= Ring.Create(new RingOptions { SqEntries = 8, CqEntries = 64, SetupFlags = 0, RegisterRingFd = false });
            io_uring_sqe* sqe = s_ring.GetSqe();
            Sqe.MsgRingData(sqe, targetRingFd, 0, payload, UserData.Ignored);
            sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
            s_ring.Submit(0, -1, getEvents: true);
            // Only failures post CQEs here; drop them so the CQ never fills.
            io_uring_cqe cqe;
            while (s_ring.DrainCompletions(&cqe, 1) == 1) { }
        }
    }
}
