using System.Runtime.CompilerServices;
using Uring.Native;
using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>
/// SQE preparation: each helper is one or two lines over the shared <see cref="Rw"/> base, as in
/// liburing's io_uring_prep_* family. The SQE arrives zeroed from <see cref="Ring.GetSqe"/>.
/// </summary>
internal static unsafe class Sqe
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rw(io_uring_sqe* sqe, byte op, int fd, ulong addr, uint len, ulong off, ulong userData)
    {
        sqe->opcode = op;
        sqe->fd = fd;
        sqe->addr = addr;
        sqe->len = len;
        sqe->off = off;
        sqe->user_data = userData;
    }

    public static void Nop(io_uring_sqe* sqe, ulong userData) => Rw(sqe, IORING_OP_NOP, -1, 0, 0, 0, userData);

    /// <summary>Multishot accept: one SQE, one CQE per accepted connection while IORING_CQE_F_MORE is set.</summary>
    public static void MultishotAccept(io_uring_sqe* sqe, int listenFd, uint acceptFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_ACCEPT, listenFd, 0, 0, 0, userData);
        sqe->accept_flags = acceptFlags;
        sqe->ioprio = IORING_ACCEPT_MULTISHOT;
    }

    /// <summary>Multishot recv selecting buffers from provided-buffer group <paramref name="group"/>.</summary>
    public static void MultishotRecv(io_uring_sqe* sqe, int fd, ushort group, ulong userData)
    {
        Rw(sqe, IORING_OP_RECV, fd, 0, 0, 0, userData);
        sqe->ioprio = IORING_RECV_MULTISHOT;
        sqe->flags = IOSQE_BUFFER_SELECT;
        sqe->buf_group = group;
    }

    public static void Send(io_uring_sqe* sqe, int fd, void* buf, uint len, uint msgFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_SEND, fd, (ulong)buf, len, 0, userData);
        sqe->msg_flags = msgFlags;
    }

    /// <summary>Zero-copy send from a registered buffer (IORING_RECVSEND_FIXED_BUF), skipping the per-send page
    /// pinning. Only SEND_ZC honours fixed buffers for sends (a plain IORING_OP_SEND with the flag is -EINVAL).</summary>
    public static void SendZcFixed(io_uring_sqe* sqe, int fd, void* buf, uint len, ushort bufIndex, uint msgFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_SEND_ZC, fd, (ulong)buf, len, 0, userData);
        sqe->msg_flags = msgFlags;
        sqe->ioprio = IORING_RECVSEND_FIXED_BUF;
        sqe->buf_index = bufIndex;
    }

    /// <summary>Zero-copy send (6.0): two CQEs, the result (with F_MORE) and later a F_NOTIF one when the
    /// kernel no longer reads the buffer.</summary>
    public static void SendZc(io_uring_sqe* sqe, int fd, void* buf, uint len, uint msgFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_SEND_ZC, fd, (ulong)buf, len, 0, userData);
        sqe->msg_flags = msgFlags;
    }

    public static void SendMsgZc(io_uring_sqe* sqe, int fd, void* msghdr, uint msgFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_SENDMSG_ZC, fd, (ulong)msghdr, 1, 0, userData);
        sqe->msg_flags = msgFlags;
    }

    public static void SendMsg(io_uring_sqe* sqe, int fd, void* msghdr, uint msgFlags, ulong userData)
    {
        Rw(sqe, IORING_OP_SENDMSG, fd, (ulong)msghdr, 1, 0, userData);
        sqe->msg_flags = msgFlags;
    }

    public static void Connect(io_uring_sqe* sqe, int fd, void* sockaddr, uint addrLen, ulong userData)
        => Rw(sqe, IORING_OP_CONNECT, fd, (ulong)sockaddr, 0, addrLen, userData);

    public static void Close(io_uring_sqe* sqe, int fd, ulong userData) => Rw(sqe, IORING_OP_CLOSE, fd, 0, 0, 0, userData);

    public static void Shutdown(io_uring_sqe* sqe, int fd, int how, ulong userData) => Rw(sqe, IORING_OP_SHUTDOWN, fd, 0, (uint)how, 0, userData);

    /// <summary>Cancels the request whose user_data is <paramref name="target"/>.</summary>
    public static void CancelUserData(io_uring_sqe* sqe, ulong target, ulong userData)
        => Rw(sqe, IORING_OP_ASYNC_CANCEL, -1, target, 0, 0, userData);

    /// <summary>Cancels every request on <paramref name="fd"/>.</summary>
    public static void CancelFd(io_uring_sqe* sqe, int fd, ulong userData)
    {
        Rw(sqe, IORING_OP_ASYNC_CANCEL, fd, 0, 0, 0, userData);
        sqe->cancel_flags = IORING_ASYNC_CANCEL_FD | IORING_ASYNC_CANCEL_ALL;
    }

    /// <summary>Posts a CQE carrying <paramref name="payload"/> as its user_data to another ring (a cross-core wake-up).</summary>
    public static void MsgRingData(io_uring_sqe* sqe, int targetRingFd, int res, ulong payload, ulong userData)
        => Rw(sqe, IORING_OP_MSG_RING, targetRingFd, IORING_MSG_DATA, (uint)res, payload, userData);

    public static void Timeout(io_uring_sqe* sqe, __kernel_timespec* ts, uint count, uint flags, ulong userData)
    {
        Rw(sqe, IORING_OP_TIMEOUT, -1, (ulong)ts, 1, count, userData);
        sqe->timeout_flags = flags;
    }
}
