namespace Uring.Native;

/// <summary>
/// mimalloc.h's <c>mi_heap_t</c>: opaque, only ever handled through a pointer. Declared so a heap
/// pointer is typed (<c>mi_heap_t*</c>) rather than a bare <c>void*</c>.
/// </summary>
public struct mi_heap_t
{
}
