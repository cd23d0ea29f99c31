using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Uring.Engine.Buffers;

/// <summary>
/// Header at the start of every send block. A connection's pending output is a singly linked
/// chain of blocks in native memory, so queueing output allocates nothing on the GC heap and the
/// queue has no fixed length. Bytes [Start, End) of the data area are still to be sent.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SendBlock
{
    public SendBlock* Next;
    /// <summary>First byte not yet sent.</summary>
    public int Start;
    /// <summary>One past the last byte written.</summary>
    public int End;
    /// <summary>Size of the data area.</summary>
    public int Capacity;
    /// <summary>Non-zero for an oversized block taken from the general heap for one large write.</summary>
    public int Oversized;

    public const int HeaderSize = 32;

    public byte* Data => (byte*)Unsafe.AsPointer(ref this) + HeaderSize;
}
