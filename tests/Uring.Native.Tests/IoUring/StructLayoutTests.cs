using Xunit;

namespace Uring.Native.Tests;

// Sizes and offsets from include/uapi/linux/io_uring.h (cross-checked with offsetof() against the 6.1
// uapi header and liburing 2.3's copy; fields renamed since are noted). x86_64 and aarch64 agree.

/// <summary><c>struct io_uring_sqe</c>, include/uapi/linux/io_uring.h: the submission queue entry; unions share offsets.</summary>
public sealed class io_uring_sqe_layout
{
    [Fact]
    public void Is_64_bytes() => Layout.AssertSize<io_uring_sqe>(64);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_sqe>(typeof(io_uring_sqe_layout));

    [Theory]
    [InlineData(nameof(io_uring_sqe.opcode), 0)]
    [InlineData(nameof(io_uring_sqe.flags), 1)]
    [InlineData(nameof(io_uring_sqe.ioprio), 2)]
    [InlineData(nameof(io_uring_sqe.fd), 4)]
    [InlineData(nameof(io_uring_sqe.off), 8)] // union { off; addr2; }
    [InlineData(nameof(io_uring_sqe.addr2), 8)]
    [InlineData(nameof(io_uring_sqe.addr), 16)]
    [InlineData(nameof(io_uring_sqe.len), 24)]
    [InlineData(nameof(io_uring_sqe.rw_flags), 28)] // union of the per-opcode flag words
    [InlineData(nameof(io_uring_sqe.msg_flags), 28)]
    [InlineData(nameof(io_uring_sqe.timeout_flags), 28)]
    [InlineData(nameof(io_uring_sqe.accept_flags), 28)]
    [InlineData(nameof(io_uring_sqe.cancel_flags), 28)]
    [InlineData(nameof(io_uring_sqe.poll32_events), 28)]
    [InlineData(nameof(io_uring_sqe.msg_ring_flags), 28)]
    [InlineData(nameof(io_uring_sqe.user_data), 32)]
    [InlineData(nameof(io_uring_sqe.buf_index), 40)] // union { buf_index; buf_group; } (packed)
    [InlineData(nameof(io_uring_sqe.buf_group), 40)]
    [InlineData(nameof(io_uring_sqe.personality), 42)]
    [InlineData(nameof(io_uring_sqe.splice_fd_in), 44)] // union { splice_fd_in; file_index; optlen; struct { addr_len; __pad3[1]; } }
    [InlineData(nameof(io_uring_sqe.file_index), 44)]
    [InlineData(nameof(io_uring_sqe.addr_len), 44)]
    [InlineData(nameof(io_uring_sqe.addr3), 48)]
    [InlineData(nameof(io_uring_sqe.__pad2), 56)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_sqe>(field, offset);
}

/// <summary><c>struct io_uring_cqe</c>, include/uapi/linux/io_uring.h: the completion queue entry (without IORING_SETUP_CQE32).</summary>
public sealed class io_uring_cqe_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<io_uring_cqe>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_cqe>(typeof(io_uring_cqe_layout));

    [Theory]
    [InlineData(nameof(io_uring_cqe.user_data), 0)]
    [InlineData(nameof(io_uring_cqe.res), 8)]
    [InlineData(nameof(io_uring_cqe.flags), 12)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_cqe>(field, offset);
}

/// <summary><c>struct io_uring_params</c>, include/uapi/linux/io_uring.h: io_uring_setup(2)'s argument.</summary>
public sealed class io_uring_params_layout
{
    [Fact]
    public void Is_120_bytes() => Layout.AssertSize<io_uring_params>(120);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_params>(typeof(io_uring_params_layout));

    [Theory]
    [InlineData(nameof(io_uring_params.sq_entries), 0)]
    [InlineData(nameof(io_uring_params.cq_entries), 4)]
    [InlineData(nameof(io_uring_params.flags), 8)]
    [InlineData(nameof(io_uring_params.sq_thread_cpu), 12)]
    [InlineData(nameof(io_uring_params.sq_thread_idle), 16)]
    [InlineData(nameof(io_uring_params.features), 20)]
    [InlineData(nameof(io_uring_params.wq_fd), 24)]
    [InlineData(nameof(io_uring_params.resv), 28)] // __u32 resv[3]
    [InlineData(nameof(io_uring_params.sq_off), 40)]
    [InlineData(nameof(io_uring_params.cq_off), 80)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_params>(field, offset);
}

/// <summary><c>struct io_sqring_offsets</c>, include/uapi/linux/io_uring.h: where the SQ ring's fields lie in its mmap.</summary>
public sealed class io_sqring_offsets_layout
{
    [Fact]
    public void Is_40_bytes() => Layout.AssertSize<io_sqring_offsets>(40);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_sqring_offsets>(typeof(io_sqring_offsets_layout));

    [Theory]
    [InlineData(nameof(io_sqring_offsets.head), 0)]
    [InlineData(nameof(io_sqring_offsets.tail), 4)]
    [InlineData(nameof(io_sqring_offsets.ring_mask), 8)]
    [InlineData(nameof(io_sqring_offsets.ring_entries), 12)]
    [InlineData(nameof(io_sqring_offsets.flags), 16)]
    [InlineData(nameof(io_sqring_offsets.dropped), 20)]
    [InlineData(nameof(io_sqring_offsets.array), 24)]
    [InlineData(nameof(io_sqring_offsets.resv1), 28)]
    [InlineData(nameof(io_sqring_offsets.user_addr), 32)] // resv2 before 6.5
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_sqring_offsets>(field, offset);
}

/// <summary><c>struct io_cqring_offsets</c>, include/uapi/linux/io_uring.h: where the CQ ring's fields lie in its mmap.</summary>
public sealed class io_cqring_offsets_layout
{
    [Fact]
    public void Is_40_bytes() => Layout.AssertSize<io_cqring_offsets>(40);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_cqring_offsets>(typeof(io_cqring_offsets_layout));

    [Theory]
    [InlineData(nameof(io_cqring_offsets.head), 0)]
    [InlineData(nameof(io_cqring_offsets.tail), 4)]
    [InlineData(nameof(io_cqring_offsets.ring_mask), 8)]
    [InlineData(nameof(io_cqring_offsets.ring_entries), 12)]
    [InlineData(nameof(io_cqring_offsets.overflow), 16)]
    [InlineData(nameof(io_cqring_offsets.cqes), 20)]
    [InlineData(nameof(io_cqring_offsets.flags), 24)]
    [InlineData(nameof(io_cqring_offsets.resv1), 28)]
    [InlineData(nameof(io_cqring_offsets.user_addr), 32)] // resv2 before 6.5
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_cqring_offsets>(field, offset);
}

/// <summary><c>struct io_uring_probe</c>, include/uapi/linux/io_uring.h: IORING_REGISTER_PROBE's header; ops[] follows at offset 16.</summary>
public sealed class io_uring_probe_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<io_uring_probe>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_probe>(typeof(io_uring_probe_layout));

    [Theory]
    [InlineData(nameof(io_uring_probe.last_op), 0)]
    [InlineData(nameof(io_uring_probe.ops_len), 1)]
    [InlineData(nameof(io_uring_probe.resv), 2)]
    [InlineData(nameof(io_uring_probe.resv2), 4)] // __u32 resv2[3]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_probe>(field, offset);
}

/// <summary><c>struct io_uring_probe_op</c>, include/uapi/linux/io_uring.h: one opcode of a probe.</summary>
public sealed class io_uring_probe_op_layout
{
    [Fact]
    public void Is_8_bytes() => Layout.AssertSize<io_uring_probe_op>(8);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_probe_op>(typeof(io_uring_probe_op_layout));

    [Theory]
    [InlineData(nameof(io_uring_probe_op.op), 0)]
    [InlineData(nameof(io_uring_probe_op.resv), 1)]
    [InlineData(nameof(io_uring_probe_op.flags), 2)]
    [InlineData(nameof(io_uring_probe_op.resv2), 4)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_probe_op>(field, offset);
}

/// <summary><c>struct io_uring_buf</c>, include/uapi/linux/io_uring.h: one entry of a provided-buffer ring; bufs[0].resv is the ring's tail.</summary>
public sealed class io_uring_buf_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<io_uring_buf>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_buf>(typeof(io_uring_buf_layout));

    [Theory]
    [InlineData(nameof(io_uring_buf.addr), 0)]
    [InlineData(nameof(io_uring_buf.len), 8)]
    [InlineData(nameof(io_uring_buf.bid), 12)]
    [InlineData(nameof(io_uring_buf.resv), 14)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_buf>(field, offset);
}

/// <summary><c>struct io_uring_buf_reg</c>, include/uapi/linux/io_uring.h: IORING_REGISTER_PBUF_RING's argument.</summary>
public sealed class io_uring_buf_reg_layout
{
    [Fact]
    public void Is_40_bytes() => Layout.AssertSize<io_uring_buf_reg>(40);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_buf_reg>(typeof(io_uring_buf_reg_layout));

    [Theory]
    [InlineData(nameof(io_uring_buf_reg.ring_addr), 0)]
    [InlineData(nameof(io_uring_buf_reg.ring_entries), 8)]
    [InlineData(nameof(io_uring_buf_reg.bgid), 12)]
    [InlineData(nameof(io_uring_buf_reg.flags), 14)] // pad before 6.5
    [InlineData(nameof(io_uring_buf_reg.resv), 16)] // __u64 resv[3]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_buf_reg>(field, offset);
}

/// <summary><c>struct io_uring_rsrc_update</c>, include/uapi/linux/io_uring.h: IORING_REGISTER_RING_FDS / files update argument.</summary>
public sealed class io_uring_rsrc_update_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<io_uring_rsrc_update>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_rsrc_update>(typeof(io_uring_rsrc_update_layout));

    [Theory]
    [InlineData(nameof(io_uring_rsrc_update.offset), 0)]
    [InlineData(nameof(io_uring_rsrc_update.resv), 4)]
    [InlineData(nameof(io_uring_rsrc_update.data), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_rsrc_update>(field, offset);
}

/// <summary><c>struct io_uring_getevents_arg</c>, include/uapi/linux/io_uring.h: io_uring_enter's IORING_ENTER_EXT_ARG argument.</summary>
public sealed class io_uring_getevents_arg_layout
{
    [Fact]
    public void Is_24_bytes() => Layout.AssertSize<io_uring_getevents_arg>(24);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<io_uring_getevents_arg>(typeof(io_uring_getevents_arg_layout));

    [Theory]
    [InlineData(nameof(io_uring_getevents_arg.sigmask), 0)]
    [InlineData(nameof(io_uring_getevents_arg.sigmask_sz), 8)]
    [InlineData(nameof(io_uring_getevents_arg.min_wait_usec), 12)] // pad before 6.12
    [InlineData(nameof(io_uring_getevents_arg.ts), 16)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<io_uring_getevents_arg>(field, offset);
}

/// <summary><c>struct __kernel_timespec</c>, include/uapi/linux/time_types.h.</summary>
public sealed class __kernel_timespec_layout
{
    [Fact]
    public void Is_16_bytes() => Layout.AssertSize<__kernel_timespec>(16);

    [Fact]
    public void Every_field_is_checked() => Layout.AssertEveryFieldListed<__kernel_timespec>(typeof(__kernel_timespec_layout));

    [Theory]
    [InlineData(nameof(__kernel_timespec.tv_sec), 0)]
    [InlineData(nameof(__kernel_timespec.tv_nsec), 8)]
    public void Field_offset(string field, int offset) => Layout.AssertOffset<__kernel_timespec>(field, offset);
}
