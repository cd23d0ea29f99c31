using System;
using System.Buffers.Text;
using Uring.Engine;

namespace Uring.Protocols.Examples;

/// <summary>
/// A small RESP (Redis protocol) server: PING, ECHO, SET, GET, DEL, EXISTS, DBSIZE, COMMAND, QUIT,
/// over a per-reactor key space. An example of a line protocol with state per connection (the
/// bytes of a command split across receives) and per core (the store).
/// </summary>
public sealed class RespModule : IProtocolModule
{
    public string Name => "resp";

    public ConnectionHandler CreateHandler(Connection connection) => new RespHandler();

    private sealed class RespHandler : ConnectionHandler
    {
        private const int MaxPendingBytes = 64 * 1024 * 1024;
        private byte[]? _pending;   // an incomplete command carried to the next receive
        private int _pendingLength;

        public override void OnData(Connection connection, ReceivedData data)
        {
            ReadOnlySpan<byte> input = data.Span;
            if (_pendingLength == 0)
            {
                int used = Execute(connection, input);
                if (used < input.Length) Carry(connection, input.Slice(used));
                return;
            }
            Carry(connection, input);
            int consumed = Execute(connection, _pending.AsSpan(0, _pendingLength));
            _pending.AsSpan(consumed, _pendingLength - consumed).CopyTo(_pending);
            _pendingLength -= consumed;
            if (_pendingLength == 0 && _pending!.Length > 64 * 1024) _pending = null; // don't keep a big buffer idle
        }

        private void Carry(Connection connection, ReadOnlySpan<byte> bytes)
        {
            if (_pendingLength + bytes.Length > MaxPendingBytes)
            {
                WriteError(connection, "Protocol error: command too large");
                connection.Close();
                _pendingLength = 0;
                return;
            }
            if (_pending is null || _pending.Length < _pendingLength + bytes.Length)
                Array.Resize(ref _pending, Math.Max(_pendingLength + bytes.Length, Math.Max(256, (_pending?.Length ?? 0) * 2)));
            bytes.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += bytes.Length;
        }

        /// <summary>Runs every complete command in <paramref name="input"/>; returns the bytes consumed.</summary>
        private static int Execute(Connection connection, ReadOnlySpan<byte> input)
        {
            Span<Range> args = stackalloc Range[RespParser.MaxArguments];
            int total = 0;
            while (connection.IsOpen)
            {
                ReadOnlySpan<byte> rest = input.Slice(total);
                RespParser.Result r = RespParser.TryParse(rest, args, out int argc, out int consumed, out string? error);
                if (r == RespParser.Result.Incomplete) break;
                if (r == RespParser.Result.Error)
                {
                    WriteError(connection, "Protocol error: " + error);
                    connection.Close();
                    return input.Length;
                }
                if (argc > 0) Dispatch(connection, rest, args.Slice(0, argc));
                total += consumed;
            }
            return connection.IsOpen ? total : input.Length;
        }

        private static void Dispatch(Connection c, ReadOnlySpan<byte> cmd, ReadOnlySpan<Range> args)
        {
            ReadOnlySpan<byte> name = cmd[args[0]];
            RespStore store = RespStore.Current;
            if (Is(name, "PING"))
            {
                if (args.Length == 1) c.Write("+PONG\r\n"u8);
                else WriteBulk(c, cmd[args[1]]);
            }
            else if (Is(name, "ECHO"))
            {
                if (args.Length != 2) WrongArity(c, "echo");
                else WriteBulk(c, cmd[args[1]]);
            }
            else if (Is(name, "SET"))
            {
                if (args.Length != 3) WrongArity(c, "set");
                else
                {
                    store.Set(cmd[args[1]], cmd[args[2]]);
                    c.Write("+OK\r\n"u8);
                }
            }
            else if (Is(name, "GET"))
            {
                if (args.Length != 2) WrongArity(c, "get");
                else if (store.TryGet(cmd[args[1]], out byte[] value)) WriteBulk(c, value);
                else c.Write("$-1\r\n"u8);
            }
            else if (Is(name, "DEL") || Is(name, "EXISTS"))
            {
                if (args.Length < 2) WrongArity(c, Is(name, "DEL") ? "del" : "exists");
                else
                {
                    bool delete = Is(name, "DEL");
                    long n = 0;
                    for (int i = 1; i < args.Length; i++)
                        if (delete ? store.Remove(cmd[args[i]]) : store.TryGet(cmd[args[i]], out _)) n++;
                    WriteInteger(c, n);
                }
            }
            else if (Is(name, "DBSIZE")) WriteInteger(c, store.Count);
            else if (Is(name, "COMMAND")) c.Write("*0\r\n"u8); // redis-cli asks at start; an empty reply is valid
            else if (Is(name, "QUIT"))
            {
                c.Write("+OK\r\n"u8);
                c.Close();
            }
            else WriteError(c, $"unknown command '{System.Text.Encoding.UTF8.GetString(name)}'");
        }

        private static bool Is(ReadOnlySpan<byte> name, string command)
        {
            if (name.Length != command.Length) return false;
            for (int i = 0; i < name.Length; i++)
                if ((name[i] & 0xDF) != command[i]) return false; // ASCII upper-case compare
            return true;
        }

        private static void WriteBulk(Connection c, ReadOnlySpan<byte> value)
        {
            Span<byte> head = c.GetSpan(16);
            head[0] = (byte)'$';
            Utf8Formatter.TryFormat(value.Length, head.Slice(1), out int n);
            head[1 + n] = (byte)'\r';
            head[2 + n] = (byte)'\n';
            c.Advance(3 + n);
            c.Write(value);
            c.Write("\r\n"u8);
        }

        private static void WriteInteger(Connection c, long value)
        {
            Span<byte> s = c.GetSpan(24);
            s[0] = (byte)':';
            Utf8Formatter.TryFormat(value, s.Slice(1), out int n);
            s[1 + n] = (byte)'\r';
            s[2 + n] = (byte)'\n';
            c.Advance(3 + n);
        }

        private static void WrongArity(Connection c, string command) => WriteError(c, $"wrong number of arguments for '{command}' command");

        private static void WriteError(Connection c, string message)
        {
            c.Write("-ERR "u8);
            c.Write(System.Text.Encoding.UTF8.GetBytes(message));
            c.Write("\r\n"u8);
        }
    }
}
