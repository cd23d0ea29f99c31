using System;

namespace Uring.Protocols.Examples;

/// <summary>
/// Parses one RESP2 command: an array of bulk strings (<c>*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n</c>, what
/// clients send) or an inline command (<c>PING\r\n</c>, what a person types into telnet).
/// Knows nothing of I/O: input in, "incomplete" out until a whole command is there.
/// </summary>
public static class RespParser
{
    public const int MaxArguments = 64;
    public const int MaxBulkLength = 512 * 1024 * 1024; // Redis' proto-max-bulk-len default

    public enum Result { Complete, Incomplete, Error }

    /// <summary>Parses the command at the start of <paramref name="input"/>; arguments are ranges into it.</summary>
    public static Result TryParse(ReadOnlySpan<byte> input, Span<Range> args, out int argc, out int consumed, out string? error)
    {
        argc = 0;
        consumed = 0;
        error = null;
        if (input.IsEmpty) return Result.Incomplete;
        if (input[0] != (byte)'*') return ParseInline(input, args, out argc, out consumed, out error);

        int pos = 1;
        Result r = ReadInteger(input, ref pos, out long count, ref error);
        if (r != Result.Complete) return r;
        if (count < 0 || count > MaxArguments || count > args.Length)
        {
            error = count < 0 ? "invalid multibulk length" : "too many arguments";
            return Result.Error;
        }
        for (int i = 0; i < count; i++)
        {
            if (pos >= input.Length) return Result.Incomplete;
            if (input[pos] != (byte)'$')
            {
                error = $"expected '$', got '{(char)input[pos]}'";
                return Result.Error;
            }
            pos++;
            r = ReadInteger(input, ref pos, out long len, ref error);
            if (r != Result.Complete) return r;
            if (len < 0 || len > MaxBulkLength)
            {
                error = "invalid bulk length";
                return Result.Error;
            }
            if (input.Length - pos < len + 2) return Result.Incomplete;
            if (input[pos + (int)len] != (byte)'\r' || input[pos + (int)len + 1] != (byte)'\n')
            {
                error = "bulk string not followed by CRLF";
                return Result.Error;
            }
            args[argc++] = new Range(pos, pos + (int)len);
            pos += (int)len + 2;
        }
        consumed = pos;
        return Result.Complete;
    }

    private static Result ReadInteger(ReadOnlySpan<byte> input, ref int pos, out long value, ref string? error)
    {
        value = 0;
        int lf = input.Slice(pos).IndexOf((byte)'\n');
        if (lf < 0) return input.Length - pos > 20 ? Fail(out error, "integer too long") : Result.Incomplete;
        ReadOnlySpan<byte> line = input.Slice(pos, lf);
        if (line.IsEmpty || line[^1] != (byte)'\r') return Fail(out error, "expected CRLF");
        line = line.Slice(0, line.Length - 1);
        bool negative = line.Length > 0 && line[0] == (byte)'-';
        if (negative) line = line.Slice(1);
        if (line.IsEmpty || line.Length > 18) return Fail(out error, "invalid integer");
        foreach (byte b in line)
        {
            if (b < (byte)'0' || b > (byte)'9') return Fail(out error, "invalid integer");
            value = value * 10 + (b - '0');
        }
        if (negative) value = -value;
        pos += lf + 1;
        return Result.Complete;
    }

    private static Result ParseInline(ReadOnlySpan<byte> input, Span<Range> args, out int argc, out int consumed, out string? error)
    {
        argc = 0;
        consumed = 0;
        error = null;
        int lf = input.IndexOf((byte)'\n');
        if (lf < 0) return input.Length > 64 * 1024 ? Fail(out error, "inline command too long") : Result.Incomplete;
        int end = lf > 0 && input[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        int i = 0;
        while (i < end)
        {
            while (i < end && input[i] == (byte)' ') i++;
            if (i == end) break;
            int start = i;
            while (i < end && input[i] != (byte)' ') i++;
            if (argc == args.Length) return Fail(out error, "too many arguments");
            args[argc++] = new Range(start, i);
        }
        consumed = lf + 1;
        return Result.Complete;
    }

    private static Result Fail(out string? error, string message)
    {
        error = message;
        return Result.Error;
    }
}
