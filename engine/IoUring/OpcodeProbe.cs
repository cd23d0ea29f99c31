using System;
using System.Runtime.InteropServices;
using Uring.Native;
using static Uring.Native.IoUring;

namespace Uring.Engine.IoUring;

/// <summary>Which opcodes the running kernel supports (IORING_REGISTER_PROBE).</summary>
internal sealed unsafe class OpcodeProbe
{
    private readonly bool[] _supported = new bool[256];

    public byte LastOp { get; }

    private OpcodeProbe(byte lastOp) => LastOp = lastOp;

    public bool Supports(byte opcode) => _supported[opcode];

    public static OpcodeProbe Run(Ring ring)
    {
        const int opCount = 256;
        nuint size = (nuint)(sizeof(io_uring_probe) + opCount * sizeof(io_uring_probe_op));
        byte* buf = (byte*)NativeMemory.AllocZeroed(size);
        try
        {
            int rc = ring.Register(IORING_REGISTER_PROBE, buf, opCount);
            if (rc < 0) throw new IoUringUnavailableException($"IORING_REGISTER_PROBE failed: {Errno.Name(-rc)}", rc);
            var header = (io_uring_probe*)buf;
            var probe = new OpcodeProbe(header->last_op);
            var ops = (io_uring_probe_op*)(buf + sizeof(io_uring_probe));
            for (int i = 0; i < header->ops_len; i++)
                if ((ops[i].flags & IO_URING_OP_SUPPORTED) != 0) probe._supported[ops[i].op] = true;
            return probe;
        }
        finally
        {
            NativeMemory.Free(buf);
        }
    }

    /// <summary>Throws when an opcode the engine cannot work without is missing.</summary>
    public void Require(byte opcode, string name)
    {
        if (!Supports(opcode)) throw new IoUringUnavailableException($"the kernel lacks {name}", -Errno.ENOSYS);
    }

    public override string ToString() => $"last_op={LastOp}";
}
