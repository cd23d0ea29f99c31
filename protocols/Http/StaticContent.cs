using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Uring.Http;

/// <summary>
/// Response bytes that never change and never move — an embedded page, a file loaded at start —
/// which a protocol sends straight from where they are, without copying them into the connection's
/// send queue (<see cref="HttpResponse.Write(StaticContent)"/>). Lives as long as the process:
/// create it once at start-up, not per request.
/// </summary>
public sealed unsafe class StaticContent
{
    // Kept reachable for the life of the process: in-flight sends refer to the bytes by address.
    private static readonly List<StaticContent> s_all = new();
    private static readonly object s_lock = new();

    private readonly byte[] _bytes; // on the pinned object heap: its address never changes

    private StaticContent(byte[] bytes) => _bytes = bytes;

    /// <summary>A process-lifetime copy of <paramref name="bytes"/>.</summary>
    public static StaticContent Create(ReadOnlySpan<byte> bytes)
    {
        byte[] pinned = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(pinned);
        var content = new StaticContent(pinned);
        lock (s_lock) s_all.Add(content);
        return content;
    }

    public int Length => _bytes.Length;

    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>The address of the first byte (stable: the array is pinned and kept alive).</summary>
    internal byte* Pointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes));
}
