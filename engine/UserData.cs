using System.Runtime.CompilerServices;

namespace Uring.Engine;

/// <summary>
/// The 64-bit user_data carried by every SQE and returned in its CQE:
/// <code>
///  63      56 55                  32 31                              0
/// +----------+----------------------+---------------------------------+
/// |  op tag  | generation (24 bits) |  slot (connection or listener)  |
/// +----------+----------------------+---------------------------------+
/// </code>
/// Never a raw fd: fds are reused at once by the kernel, and a late CQE must not reach the
/// connection that now owns the fd. A slot's generation changes each time it is reused.
/// </summary>
internal static class UserData
{
    public const int GenerationBits = 24;
    public const uint GenerationMask = (1u << GenerationBits) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pack(OpTag op, uint generation, int slot)
        => ((ulong)op << 56) | ((ulong)(generation & GenerationMask) << 32) | (uint)slot;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OpTag Op(ulong userData) => (OpTag)(userData >> 56);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Generation(ulong userData) => (uint)(userData >> 32) & GenerationMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(ulong userData) => (int)(uint)userData;

    /// <summary>Named sentinel: the user_data of CQEs nobody waits for (cancel results).</summary>
    public static readonly ulong Ignored = Pack(OpTag.Ignored, 0, 0);
}

/// <summary>What an SQE was for, so its CQE is routed without a lookup table.</summary>
internal enum OpTag : byte
{
    Ignored = 0,
    Accept = 1,
    Recv = 2,
    Send = 3,
    Connect = 4,
    Close = 5,
    Wake = 6,
    Nop = 7,
    Timeout = 8,
    CloseListener = 9,
    /// <summary>A zero-copy send: its result CQE (F_MORE) is followed by a notification CQE (F_NOTIF).</summary>
    SendZc = 10,
}
