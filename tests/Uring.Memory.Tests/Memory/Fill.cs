using System;

namespace Uring.Memory.Tests.Memory;

/// <summary>Writes a position-dependent pattern over a whole region and reads it back: every page is
/// faulted in (so the kernel really backs it) and no two pages alias.</summary>
public static unsafe class Fill
{
    public static void WriteAndVerify(byte* p, nuint size)
    {
        for (nuint offset = 0; offset < size; offset += sizeof(ulong))
            *(ulong*)(p + offset) = (ulong)offset * 0x9E3779B97F4A7C15UL;
        for (nuint offset = 0; offset < size; offset += sizeof(ulong))
            if (*(ulong*)(p + offset) != (ulong)offset * 0x9E3779B97F4A7C15UL)
                throw new InvalidOperationException($"byte {offset} of {size} did not read back");
    }
}
