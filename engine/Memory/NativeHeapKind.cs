namespace Uring.Engine.Memory;

/// <summary>Which allocator backs a reactor's <see cref="NativeHeap"/>.</summary>
public enum NativeHeapKind
{
    /// <summary>The measured default where its library is present (see <see cref="NativeHeap.Resolve"/>).</summary>
    Auto,
    /// <summary>A mimalloc <c>mi_heap</c> of the reactor's own (libmimalloc.so.2).</summary>
    Mimalloc,
    /// <summary>.NET's <see cref="System.Runtime.InteropServices.NativeMemory"/>, i.e. the C runtime's malloc.</summary>
    NativeMemory,
}
