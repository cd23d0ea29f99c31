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
    /// <summary>0 for a pooled block; <see cref="KindOversized"/> for one taken from the heap for one large
    /// write; <see cref="KindExternal"/> for a header pointing at memory the connection does not own.</summary>
    public int Kind;
    /// <summary>For an external block: the bytes it refers to (immutable, and alive until sent).</summary>
    public byte* External;

    public const int HeaderSize = 32;
    public const int KindOversized = 1, KindExternal = 2;

    public byte* Data => External != null ? External : (byte*)Unsafe.AsPointer(ref this) + HeaderSize;
}
