using System;
using System.Buffers.Binary;
using System.Text;

namespace Uring.ConnHold;

/// <summary>
/// Echo protocol: one 16-byte message carrying the connection id, which must come back
/// byte for byte (a response meant for another connection is caught by the id).
/// </summary>
public sealed class EchoExchange : IExchange
{
    public const int MessageSize = 16;

    public int MaxResponseBytes => MessageSize * 4;

    public int WriteRequest(int id, Span<byte> dest)
    {
        Span<byte> m = dest[..MessageSize];
        BinaryPrimitives.WriteInt32LittleEndian(m, id);
        for (int i = 4; i < MessageSize; i++) m[i] = (byte)('a' + (i + id) % 26);
        return MessageSize;
    }

    public ResponseCheck Check(int id, ReadOnlySpan<byte> received, out string? problem)
    {
        problem = null;
        Span<byte> expected = stackalloc byte[MessageSize];
        WriteRequest(id, expected);
        int n = Math.Min(received.Length, MessageSize);
        if (!received[..n].SequenceEqual(expected[..n]))
        {
            problem = $"echo differs from the message sent (got {Printable(received[..n])})";
            return ResponseCheck.Invalid;
        }
        if (received.Length > MessageSize)
        {
            problem = $"{received.Length - MessageSize} bytes beyond the echo";
            return ResponseCheck.Invalid;
        }
        return received.Length == MessageSize ? ResponseCheck.Complete : ResponseCheck.Incomplete;
    }

    public byte[] SampleResponse(ReadOnlySpan<byte> request) => request.ToArray();

    private static string Printable(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder();
        foreach (byte c in b) sb.Append(c is >= 0x20 and < 0x7f ? (char)c : '.');
        return sb.ToString();
    }
}
