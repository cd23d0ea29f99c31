namespace Uring.Native;

/// <summary>Constants of include/uapi/linux/io_uring.h, spelled as the kernel spells them.
/// Values are the kernel ABI; the comment beside a group names the kernel that added it.</summary>
public static partial class IoUring
{
    // io_uring_setup(2) flags (params.flags)
    public const uint IORING_SETUP_IOPOLL = 1u << 0;
    public const uint IORING_SETUP_SQPOLL = 1u << 1;
    public const uint IORING_SETUP_SQ_AFF = 1u << 2;
    public const uint IORING_SETUP_CQSIZE = 1u << 3;
    public const uint IORING_SETUP_CLAMP = 1u << 4;
    public const uint IORING_SETUP_ATTACH_WQ = 1u << 5;
    public const uint IORING_SETUP_R_DISABLED = 1u << 6;
    public const uint IORING_SETUP_SUBMIT_ALL = 1u << 7;        // 5.18
    public const uint IORING_SETUP_COOP_TASKRUN = 1u << 8;      // 5.19
    public const uint IORING_SETUP_TASKRUN_FLAG = 1u << 9;      // 5.19
    public const uint IORING_SETUP_SQE128 = 1u << 10;
    public const uint IORING_SETUP_CQE32 = 1u << 11;
    public const uint IORING_SETUP_SINGLE_ISSUER = 1u << 12;    // 6.0
    public const uint IORING_SETUP_DEFER_TASKRUN = 1u << 13;    // 6.1
    public const uint IORING_SETUP_NO_MMAP = 1u << 14;          // 6.5
    public const uint IORING_SETUP_REGISTERED_FD_ONLY = 1u << 15;
    public const uint IORING_SETUP_NO_SQARRAY = 1u << 16;       // 6.6

    // enum io_uring_op
    public const byte IORING_OP_NOP = 0;
    public const byte IORING_OP_READV = 1;
    public const byte IORING_OP_WRITEV = 2;
    public const byte IORING_OP_FSYNC = 3;
    public const byte IORING_OP_READ_FIXED = 4;
    public const byte IORING_OP_WRITE_FIXED = 5;
    public const byte IORING_OP_POLL_ADD = 6;
    public const byte IORING_OP_POLL_REMOVE = 7;
    public const byte IORING_OP_SYNC_FILE_RANGE = 8;
    public const byte IORING_OP_SENDMSG = 9;
    public const byte IORING_OP_RECVMSG = 10;
    public const byte IORING_OP_TIMEOUT = 11;
    public const byte IORING_OP_TIMEOUT_REMOVE = 12;
    public const byte IORING_OP_ACCEPT = 13;
    public const byte IORING_OP_ASYNC_CANCEL = 14;
    public const byte IORING_OP_LINK_TIMEOUT = 15;
    public const byte IORING_OP_CONNECT = 16;
    public const byte IORING_OP_FALLOCATE = 17;
    public const byte IORING_OP_OPENAT = 18;
    public const byte IORING_OP_CLOSE = 19;
    public const byte IORING_OP_FILES_UPDATE = 20;
    public const byte IORING_OP_STATX = 21;
    public const byte IORING_OP_READ = 22;
    public const byte IORING_OP_WRITE = 23;
    public const byte IORING_OP_FADVISE = 24;
    public const byte IORING_OP_MADVISE = 25;
    public const byte IORING_OP_SEND = 26;
    public const byte IORING_OP_RECV = 27;
    public const byte IORING_OP_OPENAT2 = 28;
    public const byte IORING_OP_EPOLL_CTL = 29;
    public const byte IORING_OP_SPLICE = 30;
    public const byte IORING_OP_PROVIDE_BUFFERS = 31;
    public const byte IORING_OP_REMOVE_BUFFERS = 32;
    public const byte IORING_OP_TEE = 33;
    public const byte IORING_OP_SHUTDOWN = 34;
    public const byte IORING_OP_RENAMEAT = 35;
    public const byte IORING_OP_UNLINKAT = 36;
    public const byte IORING_OP_MKDIRAT = 37;
    public const byte IORING_OP_SYMLINKAT = 38;
    public const byte IORING_OP_LINKAT = 39;
    public const byte IORING_OP_MSG_RING = 40;
    public const byte IORING_OP_FSETXATTR = 41;
    public const byte IORING_OP_SETXATTR = 42;
    public const byte IORING_OP_FGETXATTR = 43;
    public const byte IORING_OP_GETXATTR = 44;
    public const byte IORING_OP_SOCKET = 45;
    public const byte IORING_OP_URING_CMD = 46;
    public const byte IORING_OP_SEND_ZC = 47;
    public const byte IORING_OP_SENDMSG_ZC = 48;
    public const byte IORING_OP_READ_MULTISHOT = 49;
    public const byte IORING_OP_WAITID = 50;
    public const byte IORING_OP_FUTEX_WAIT = 51;
    public const byte IORING_OP_FUTEX_WAKE = 52;
    public const byte IORING_OP_FUTEX_WAITV = 53;
    public const byte IORING_OP_FIXED_FD_INSTALL = 54;
    public const byte IORING_OP_FTRUNCATE = 55;
    public const byte IORING_OP_BIND = 56;
    public const byte IORING_OP_LISTEN = 57;

    // sqe->flags
    public const byte IOSQE_FIXED_FILE = 1 << 0;
    public const byte IOSQE_IO_DRAIN = 1 << 1;
    public const byte IOSQE_IO_LINK = 1 << 2;
    public const byte IOSQE_IO_HARDLINK = 1 << 3;
    public const byte IOSQE_ASYNC = 1 << 4;
    public const byte IOSQE_BUFFER_SELECT = 1 << 5;
    public const byte IOSQE_CQE_SKIP_SUCCESS = 1 << 6;

    // sqe->ioprio for send/recv
    public const ushort IORING_RECVSEND_POLL_FIRST = 1 << 0;
    public const ushort IORING_RECV_MULTISHOT = 1 << 1;         // 6.0
    public const ushort IORING_RECVSEND_FIXED_BUF = 1 << 2;
    public const ushort IORING_SEND_ZC_REPORT_USAGE = 1 << 3;
    public const ushort IORING_RECVSEND_BUNDLE = 1 << 4;        // 6.10

    // sqe->ioprio for accept
    public const ushort IORING_ACCEPT_MULTISHOT = 1 << 0;       // 5.19
    public const ushort IORING_ACCEPT_DONTWAIT = 1 << 1;
    public const ushort IORING_ACCEPT_POLL_FIRST = 1 << 2;

    // sqe->timeout_flags
    public const uint IORING_TIMEOUT_ABS = 1u << 0;
    public const uint IORING_TIMEOUT_UPDATE = 1u << 1;
    public const uint IORING_TIMEOUT_BOOTTIME = 1u << 2;
    public const uint IORING_TIMEOUT_REALTIME = 1u << 3;
    public const uint IORING_LINK_TIMEOUT_UPDATE = 1u << 4;
    public const uint IORING_TIMEOUT_ETIME_SUCCESS = 1u << 5;
    public const uint IORING_TIMEOUT_MULTISHOT = 1u << 6;

    // sqe->cancel_flags
    public const uint IORING_ASYNC_CANCEL_ALL = 1u << 0;
    public const uint IORING_ASYNC_CANCEL_FD = 1u << 1;
    public const uint IORING_ASYNC_CANCEL_ANY = 1u << 2;
    public const uint IORING_ASYNC_CANCEL_FD_FIXED = 1u << 3;
    public const uint IORING_ASYNC_CANCEL_USERDATA = 1u << 4;
    public const uint IORING_ASYNC_CANCEL_OP = 1u << 5;

    // IORING_OP_MSG_RING command (sqe->addr) and flags (sqe->msg_ring_flags)
    public const ulong IORING_MSG_DATA = 0;
    public const ulong IORING_MSG_SEND_FD = 1;
    public const uint IORING_MSG_RING_CQE_SKIP = 1u << 0;
    public const uint IORING_MSG_RING_FLAGS_PASS = 1u << 1;

    /// <summary>sqe->file_index value asking the kernel to pick a free direct descriptor.</summary>
    public const uint IORING_FILE_INDEX_ALLOC = ~0u;

    // cqe->flags
    public const uint IORING_CQE_F_BUFFER = 1u << 0;
    public const uint IORING_CQE_F_MORE = 1u << 1;
    public const uint IORING_CQE_F_SOCK_NONEMPTY = 1u << 2;
    public const uint IORING_CQE_F_NOTIF = 1u << 3;
    public const uint IORING_CQE_F_BUF_MORE = 1u << 4;
    public const int IORING_CQE_BUFFER_SHIFT = 16;

    // mmap offsets
    public const long IORING_OFF_SQ_RING = 0;
    public const long IORING_OFF_CQ_RING = 0x8000000;
    public const long IORING_OFF_SQES = 0x10000000;
    public const long IORING_OFF_PBUF_RING = 0x80000000;

    // sq_ring->flags
    public const uint IORING_SQ_NEED_WAKEUP = 1u << 0;
    public const uint IORING_SQ_CQ_OVERFLOW = 1u << 1;
    public const uint IORING_SQ_TASKRUN = 1u << 2;

    // io_uring_enter(2) flags
    public const uint IORING_ENTER_GETEVENTS = 1u << 0;
    public const uint IORING_ENTER_SQ_WAKEUP = 1u << 1;
    public const uint IORING_ENTER_SQ_WAIT = 1u << 2;
    public const uint IORING_ENTER_EXT_ARG = 1u << 3;
    public const uint IORING_ENTER_REGISTERED_RING = 1u << 4;

    // params.features
    public const uint IORING_FEAT_SINGLE_MMAP = 1u << 0;
    public const uint IORING_FEAT_NODROP = 1u << 1;
    public const uint IORING_FEAT_SUBMIT_STABLE = 1u << 2;
    public const uint IORING_FEAT_RW_CUR_POS = 1u << 3;
    public const uint IORING_FEAT_CUR_PERSONALITY = 1u << 4;
    public const uint IORING_FEAT_FAST_POLL = 1u << 5;
    public const uint IORING_FEAT_POLL_32BITS = 1u << 6;
    public const uint IORING_FEAT_SQPOLL_NONFIXED = 1u << 7;
    public const uint IORING_FEAT_EXT_ARG = 1u << 8;
    public const uint IORING_FEAT_NATIVE_WORKERS = 1u << 9;
    public const uint IORING_FEAT_RSRC_TAGS = 1u << 10;
    public const uint IORING_FEAT_CQE_SKIP = 1u << 11;
    public const uint IORING_FEAT_LINKED_FILE = 1u << 12;
    public const uint IORING_FEAT_REG_REG_RING = 1u << 13;
    public const uint IORING_FEAT_RECVSEND_BUNDLE = 1u << 14;
    public const uint IORING_FEAT_MIN_TIMEOUT = 1u << 15;

    // io_uring_register(2) opcodes
    public const uint IORING_REGISTER_BUFFERS = 0;
    public const uint IORING_UNREGISTER_BUFFERS = 1;
    public const uint IORING_REGISTER_FILES = 2;
    public const uint IORING_UNREGISTER_FILES = 3;
    public const uint IORING_REGISTER_EVENTFD = 4;
    public const uint IORING_UNREGISTER_EVENTFD = 5;
    public const uint IORING_REGISTER_PROBE = 8;
    public const uint IORING_REGISTER_ENABLE_RINGS = 12;
    public const uint IORING_REGISTER_IOWQ_AFF = 17;
    public const uint IORING_REGISTER_RING_FDS = 20;
    public const uint IORING_UNREGISTER_RING_FDS = 21;
    public const uint IORING_REGISTER_PBUF_RING = 22;
    public const uint IORING_UNREGISTER_PBUF_RING = 23;
    public const uint IORING_REGISTER_FILE_ALLOC_RANGE = 25;

    // io_uring_buf_reg.flags
    public const ushort IOU_PBUF_RING_MMAP = 1;
    public const ushort IOU_PBUF_RING_INC = 2;                  // 6.12

    /// <summary>Byte offset of the 16-bit tail inside <c>struct io_uring_buf_ring</c> (it overlays bufs[0].resv).</summary>
    public const int IO_URING_BUF_RING_TAIL_OFFSET = 14;

    /// <summary>io_uring_probe_op.flags bit: the opcode is supported.</summary>
    public const ushort IO_URING_OP_SUPPORTED = 1 << 0;
}
