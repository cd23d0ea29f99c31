using Xunit;

namespace Uring.Native.Tests;

/// <summary>
/// The constants of native/IoUring against include/uapi/linux/io_uring.h. Values the 6.1 uapi header
/// has were taken from it with a C program (printf of each macro); the later ones (marked with the
/// kernel that added them) from the current uapi header.
/// </summary>
public sealed class IoUring_constants
{
    [Fact]
    public void Every_constant_is_checked() => Layout.AssertEveryConstantListed(typeof(IoUring), typeof(IoUring_constants));

    /// <summary>io_uring_setup(2) flags (io_uring_params.flags).</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_SETUP_IOPOLL), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_SETUP_SQPOLL), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_SETUP_SQ_AFF), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_SETUP_CQSIZE), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_SETUP_CLAMP), 1 << 4)]
    [InlineData(nameof(IoUring.IORING_SETUP_ATTACH_WQ), 1 << 5)]
    [InlineData(nameof(IoUring.IORING_SETUP_R_DISABLED), 1 << 6)]
    [InlineData(nameof(IoUring.IORING_SETUP_SUBMIT_ALL), 1 << 7)]
    [InlineData(nameof(IoUring.IORING_SETUP_COOP_TASKRUN), 1 << 8)]
    [InlineData(nameof(IoUring.IORING_SETUP_TASKRUN_FLAG), 1 << 9)]
    [InlineData(nameof(IoUring.IORING_SETUP_SQE128), 1 << 10)]
    [InlineData(nameof(IoUring.IORING_SETUP_CQE32), 1 << 11)]
    [InlineData(nameof(IoUring.IORING_SETUP_SINGLE_ISSUER), 1 << 12)]
    [InlineData(nameof(IoUring.IORING_SETUP_DEFER_TASKRUN), 1 << 13)]
    [InlineData(nameof(IoUring.IORING_SETUP_NO_MMAP), 1 << 14)] // 6.5
    [InlineData(nameof(IoUring.IORING_SETUP_REGISTERED_FD_ONLY), 1 << 15)] // 6.5
    [InlineData(nameof(IoUring.IORING_SETUP_NO_SQARRAY), 1 << 16)] // 6.6
    public void Setup_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>enum io_uring_op: an opcode is its position in the enum.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_OP_NOP), 0)]
    [InlineData(nameof(IoUring.IORING_OP_READV), 1)]
    [InlineData(nameof(IoUring.IORING_OP_WRITEV), 2)]
    [InlineData(nameof(IoUring.IORING_OP_FSYNC), 3)]
    [InlineData(nameof(IoUring.IORING_OP_READ_FIXED), 4)]
    [InlineData(nameof(IoUring.IORING_OP_WRITE_FIXED), 5)]
    [InlineData(nameof(IoUring.IORING_OP_POLL_ADD), 6)]
    [InlineData(nameof(IoUring.IORING_OP_POLL_REMOVE), 7)]
    [InlineData(nameof(IoUring.IORING_OP_SYNC_FILE_RANGE), 8)]
    [InlineData(nameof(IoUring.IORING_OP_SENDMSG), 9)]
    [InlineData(nameof(IoUring.IORING_OP_RECVMSG), 10)]
    [InlineData(nameof(IoUring.IORING_OP_TIMEOUT), 11)]
    [InlineData(nameof(IoUring.IORING_OP_TIMEOUT_REMOVE), 12)]
    [InlineData(nameof(IoUring.IORING_OP_ACCEPT), 13)]
    [InlineData(nameof(IoUring.IORING_OP_ASYNC_CANCEL), 14)]
    [InlineData(nameof(IoUring.IORING_OP_LINK_TIMEOUT), 15)]
    [InlineData(nameof(IoUring.IORING_OP_CONNECT), 16)]
    [InlineData(nameof(IoUring.IORING_OP_FALLOCATE), 17)]
    [InlineData(nameof(IoUring.IORING_OP_OPENAT), 18)]
    [InlineData(nameof(IoUring.IORING_OP_CLOSE), 19)]
    [InlineData(nameof(IoUring.IORING_OP_FILES_UPDATE), 20)]
    [InlineData(nameof(IoUring.IORING_OP_STATX), 21)]
    [InlineData(nameof(IoUring.IORING_OP_READ), 22)]
    [InlineData(nameof(IoUring.IORING_OP_WRITE), 23)]
    [InlineData(nameof(IoUring.IORING_OP_FADVISE), 24)]
    [InlineData(nameof(IoUring.IORING_OP_MADVISE), 25)]
    [InlineData(nameof(IoUring.IORING_OP_SEND), 26)]
    [InlineData(nameof(IoUring.IORING_OP_RECV), 27)]
    [InlineData(nameof(IoUring.IORING_OP_OPENAT2), 28)]
    [InlineData(nameof(IoUring.IORING_OP_EPOLL_CTL), 29)]
    [InlineData(nameof(IoUring.IORING_OP_SPLICE), 30)]
    [InlineData(nameof(IoUring.IORING_OP_PROVIDE_BUFFERS), 31)]
    [InlineData(nameof(IoUring.IORING_OP_REMOVE_BUFFERS), 32)]
    [InlineData(nameof(IoUring.IORING_OP_TEE), 33)]
    [InlineData(nameof(IoUring.IORING_OP_SHUTDOWN), 34)]
    [InlineData(nameof(IoUring.IORING_OP_RENAMEAT), 35)]
    [InlineData(nameof(IoUring.IORING_OP_UNLINKAT), 36)]
    [InlineData(nameof(IoUring.IORING_OP_MKDIRAT), 37)]
    [InlineData(nameof(IoUring.IORING_OP_SYMLINKAT), 38)]
    [InlineData(nameof(IoUring.IORING_OP_LINKAT), 39)]
    [InlineData(nameof(IoUring.IORING_OP_MSG_RING), 40)]
    [InlineData(nameof(IoUring.IORING_OP_FSETXATTR), 41)]
    [InlineData(nameof(IoUring.IORING_OP_SETXATTR), 42)]
    [InlineData(nameof(IoUring.IORING_OP_FGETXATTR), 43)]
    [InlineData(nameof(IoUring.IORING_OP_GETXATTR), 44)]
    [InlineData(nameof(IoUring.IORING_OP_SOCKET), 45)]
    [InlineData(nameof(IoUring.IORING_OP_URING_CMD), 46)]
    [InlineData(nameof(IoUring.IORING_OP_SEND_ZC), 47)]
    [InlineData(nameof(IoUring.IORING_OP_SENDMSG_ZC), 48)]
    [InlineData(nameof(IoUring.IORING_OP_READ_MULTISHOT), 49)] // 6.7
    [InlineData(nameof(IoUring.IORING_OP_WAITID), 50)] // 6.7
    [InlineData(nameof(IoUring.IORING_OP_FUTEX_WAIT), 51)] // 6.7
    [InlineData(nameof(IoUring.IORING_OP_FUTEX_WAKE), 52)] // 6.7
    [InlineData(nameof(IoUring.IORING_OP_FUTEX_WAITV), 53)] // 6.7
    [InlineData(nameof(IoUring.IORING_OP_FIXED_FD_INSTALL), 54)] // 6.8
    [InlineData(nameof(IoUring.IORING_OP_FTRUNCATE), 55)] // 6.9
    [InlineData(nameof(IoUring.IORING_OP_BIND), 56)] // 6.11
    [InlineData(nameof(IoUring.IORING_OP_LISTEN), 57)] // 6.11
    public void Opcodes(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_sqe.flags (IOSQE_*).</summary>
    [Theory]
    [InlineData(nameof(IoUring.IOSQE_FIXED_FILE), 1 << 0)]
    [InlineData(nameof(IoUring.IOSQE_IO_DRAIN), 1 << 1)]
    [InlineData(nameof(IoUring.IOSQE_IO_LINK), 1 << 2)]
    [InlineData(nameof(IoUring.IOSQE_IO_HARDLINK), 1 << 3)]
    [InlineData(nameof(IoUring.IOSQE_ASYNC), 1 << 4)]
    [InlineData(nameof(IoUring.IOSQE_BUFFER_SELECT), 1 << 5)]
    [InlineData(nameof(IoUring.IOSQE_CQE_SKIP_SUCCESS), 1 << 6)]
    public void Sqe_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_sqe.ioprio for send and recv.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_RECVSEND_POLL_FIRST), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_RECV_MULTISHOT), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_RECVSEND_FIXED_BUF), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_SEND_ZC_REPORT_USAGE), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_RECVSEND_BUNDLE), 1 << 4)] // 6.10
    public void Send_recv_ioprio_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_sqe.ioprio for accept.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_ACCEPT_MULTISHOT), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_ACCEPT_DONTWAIT), 1 << 1)] // 6.10
    [InlineData(nameof(IoUring.IORING_ACCEPT_POLL_FIRST), 1 << 2)] // 6.10
    public void Accept_ioprio_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_sqe.timeout_flags.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_ABS), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_UPDATE), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_BOOTTIME), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_REALTIME), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_LINK_TIMEOUT_UPDATE), 1 << 4)]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_ETIME_SUCCESS), 1 << 5)]
    [InlineData(nameof(IoUring.IORING_TIMEOUT_MULTISHOT), 1 << 6)] // 6.4
    public void Timeout_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_sqe.cancel_flags.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_ALL), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_FD), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_ANY), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_FD_FIXED), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_USERDATA), 1 << 4)]
    [InlineData(nameof(IoUring.IORING_ASYNC_CANCEL_OP), 1 << 5)]
    public void Cancel_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>IORING_OP_MSG_RING: the command (sqe.addr), its flags, and IORING_FILE_INDEX_ALLOC.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_MSG_DATA), 0)]
    [InlineData(nameof(IoUring.IORING_MSG_SEND_FD), 1)]
    [InlineData(nameof(IoUring.IORING_MSG_RING_CQE_SKIP), 1)]
    [InlineData(nameof(IoUring.IORING_MSG_RING_FLAGS_PASS), 2)] // 6.3
    [InlineData(nameof(IoUring.IORING_FILE_INDEX_ALLOC), 0xFFFFFFFF)]
    public void Msg_ring_commands_and_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_cqe.flags, and where the buffer id sits.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_CQE_F_BUFFER), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_CQE_F_MORE), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_CQE_F_SOCK_NONEMPTY), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_CQE_F_NOTIF), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_CQE_F_BUF_MORE), 1 << 4)] // 6.12
    [InlineData(nameof(IoUring.IORING_CQE_BUFFER_SHIFT), 16)]
    public void Cqe_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>the mmap(2) offsets of the rings, the SQE array and buffer rings.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_OFF_SQ_RING), 0)]
    [InlineData(nameof(IoUring.IORING_OFF_CQ_RING), 0x8000000)]
    [InlineData(nameof(IoUring.IORING_OFF_SQES), 0x10000000)]
    [InlineData(nameof(IoUring.IORING_OFF_PBUF_RING), 0x80000000)] // 6.4
    public void Mmap_offsets(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>the SQ ring's flags word.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_SQ_NEED_WAKEUP), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_SQ_CQ_OVERFLOW), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_SQ_TASKRUN), 1 << 2)]
    public void Sq_ring_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_enter(2) flags.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_ENTER_GETEVENTS), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_ENTER_SQ_WAKEUP), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_ENTER_SQ_WAIT), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_ENTER_EXT_ARG), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_ENTER_REGISTERED_RING), 1 << 4)]
    public void Enter_flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_params.features (IORING_FEAT_*).</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_FEAT_SINGLE_MMAP), 1 << 0)]
    [InlineData(nameof(IoUring.IORING_FEAT_NODROP), 1 << 1)]
    [InlineData(nameof(IoUring.IORING_FEAT_SUBMIT_STABLE), 1 << 2)]
    [InlineData(nameof(IoUring.IORING_FEAT_RW_CUR_POS), 1 << 3)]
    [InlineData(nameof(IoUring.IORING_FEAT_CUR_PERSONALITY), 1 << 4)]
    [InlineData(nameof(IoUring.IORING_FEAT_FAST_POLL), 1 << 5)]
    [InlineData(nameof(IoUring.IORING_FEAT_POLL_32BITS), 1 << 6)]
    [InlineData(nameof(IoUring.IORING_FEAT_SQPOLL_NONFIXED), 1 << 7)]
    [InlineData(nameof(IoUring.IORING_FEAT_EXT_ARG), 1 << 8)]
    [InlineData(nameof(IoUring.IORING_FEAT_NATIVE_WORKERS), 1 << 9)]
    [InlineData(nameof(IoUring.IORING_FEAT_RSRC_TAGS), 1 << 10)]
    [InlineData(nameof(IoUring.IORING_FEAT_CQE_SKIP), 1 << 11)]
    [InlineData(nameof(IoUring.IORING_FEAT_LINKED_FILE), 1 << 12)]
    [InlineData(nameof(IoUring.IORING_FEAT_REG_REG_RING), 1 << 13)] // 6.3
    [InlineData(nameof(IoUring.IORING_FEAT_RECVSEND_BUNDLE), 1 << 14)] // 6.10
    [InlineData(nameof(IoUring.IORING_FEAT_MIN_TIMEOUT), 1 << 15)] // 6.12
    public void Features(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_register(2) opcodes.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IORING_REGISTER_BUFFERS), 0)]
    [InlineData(nameof(IoUring.IORING_UNREGISTER_BUFFERS), 1)]
    [InlineData(nameof(IoUring.IORING_REGISTER_FILES), 2)]
    [InlineData(nameof(IoUring.IORING_UNREGISTER_FILES), 3)]
    [InlineData(nameof(IoUring.IORING_REGISTER_EVENTFD), 4)]
    [InlineData(nameof(IoUring.IORING_UNREGISTER_EVENTFD), 5)]
    [InlineData(nameof(IoUring.IORING_REGISTER_PROBE), 8)]
    [InlineData(nameof(IoUring.IORING_REGISTER_ENABLE_RINGS), 12)]
    [InlineData(nameof(IoUring.IORING_REGISTER_IOWQ_AFF), 17)]
    [InlineData(nameof(IoUring.IORING_REGISTER_RING_FDS), 20)]
    [InlineData(nameof(IoUring.IORING_UNREGISTER_RING_FDS), 21)]
    [InlineData(nameof(IoUring.IORING_REGISTER_PBUF_RING), 22)]
    [InlineData(nameof(IoUring.IORING_UNREGISTER_PBUF_RING), 23)]
    [InlineData(nameof(IoUring.IORING_REGISTER_FILE_ALLOC_RANGE), 25)]
    public void Register_opcodes(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>io_uring_buf_reg.flags, the tail's offset in struct io_uring_buf_ring, and the probe's supported bit.</summary>
    [Theory]
    [InlineData(nameof(IoUring.IOU_PBUF_RING_MMAP), 1)] // 6.4
    [InlineData(nameof(IoUring.IOU_PBUF_RING_INC), 2)] // 6.12
    [InlineData(nameof(IoUring.IO_URING_BUF_RING_TAIL_OFFSET), 14)] // struct io_uring_buf_ring
    [InlineData(nameof(IoUring.IO_URING_OP_SUPPORTED), 1)]
    public void Buffer_ring_flags_and_layout(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    /// <summary>the system call numbers (x86_64 and the generic table aarch64 uses).</summary>
    [Theory]
    [InlineData(nameof(IoUring.__NR_io_uring_setup), 0x1A9)]
    [InlineData(nameof(IoUring.__NR_io_uring_enter), 0x1AA)]
    [InlineData(nameof(IoUring.__NR_io_uring_register), 0x1AB)]
    public void Syscall_numbers(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(IoUring), name));

    [Fact]
    public void The_buffer_ring_tail_overlays_the_first_entrys_resv()
        => Layout.AssertOffset<io_uring_buf>(nameof(io_uring_buf.resv), IoUring.IO_URING_BUF_RING_TAIL_OFFSET);
}
