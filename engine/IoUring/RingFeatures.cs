using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>The IORING_FEAT_* bits the kernel reported at set-up, as named properties.</summary>
internal readonly struct RingFeatures
{
    public readonly uint Bits;

    public RingFeatures(uint bits) => Bits = bits;

    public bool NoDrop => (Bits & IORING_FEAT_NODROP) != 0;
    public bool SubmitStable => (Bits & IORING_FEAT_SUBMIT_STABLE) != 0;
    public bool FastPoll => (Bits & IORING_FEAT_FAST_POLL) != 0;
    public bool ExtArg => (Bits & IORING_FEAT_EXT_ARG) != 0;
    public bool CqeSkip => (Bits & IORING_FEAT_CQE_SKIP) != 0;
    public bool RecvSendBundle => (Bits & IORING_FEAT_RECVSEND_BUNDLE) != 0;
}
