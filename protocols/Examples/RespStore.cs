using System;
using System.Collections.Generic;

namespace Uring.Protocols.Examples;

/// <summary>
/// The key space of one reactor. Each reactor has its own (thread-per-core: no locks), so a key
/// set through one connection is visible to connections on the same core only — the trade-off
/// of a shared-nothing design, stated in the module's description.
/// </summary>
internal sealed class RespStore
{
    [ThreadStatic] private static RespStore? t_current;

    /// <summary>The store of the reactor running on this thread.</summary>
    public static RespStore Current => t_current ??= new RespStore();

    private readonly Dictionary<byte[], byte[]> _map = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    private RespStore() => _lookup = _map.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Count => _map.Count;

    public bool TryGet(ReadOnlySpan<byte> key, out byte[] value) => _lookup.TryGetValue(key, out value!);

    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => _lookup[key] = value.ToArray();

    public bool Remove(ReadOnlySpan<byte> key) => _lookup.Remove(key);

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => Hash(obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);
        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> s)
        {
            var h = new HashCode();
            h.AddBytes(s);
            return h.ToHashCode();
        }
    }
}
