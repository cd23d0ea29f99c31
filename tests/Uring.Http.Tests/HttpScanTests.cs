using System;
using System.Text;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>The parser's vector scans agree with a byte-by-byte reading of the grammar, for every byte, position and length.</summary>
public class HttpScanTests
{
    private static int ReferenceColon(ReadOnlySpan<byte> line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == ':') return i;
            if (!HttpCharacters.IsTokenChar(line[i])) return -2;
        }
        return -1;
    }

    [Fact]
    public void Finds_the_colon_and_checks_the_name_before_it()
    {
        foreach (int length in new[] { 1, 5, 15, 16, 17, 31, 32, 33, 40 })
        {
            for (int at = 0; at < length; at++)
            {
                for (int b = 0; b < 256; b++)
                {
                    byte[] line = new byte[length];
                    line.AsSpan().Fill((byte)'a');
                    line[at] = (byte)b;
                    Assert.Equal(ReferenceColon(line), HttpScan.FindColonAfterToken(line));
                    if (at + 1 < length)
                    {
                        // A colon after the odd byte, and bad bytes after the colon, which do not matter.
                        line[at + 1] = (byte)':';
                        if (at + 2 < length) line[at + 2] = (byte)' ';
                        Assert.Equal(ReferenceColon(line), HttpScan.FindColonAfterToken(line));
                    }
                }
            }
        }
    }

    [Fact]
    public void Checks_fields_inside_a_container_without_leaving_them()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 20_000; trial++)
        {
            byte[] container = new byte[random.Next(1, 48)];
            for (int i = 0; i < container.Length; i++) container[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : 'a');
            int start = random.Next(container.Length);
            int length = random.Next(container.Length - start + 1);
            ReadOnlySpan<byte> field = container.AsSpan(start, length);
            Assert.Equal(HttpCharacters.IndexOfInvalidFieldValue(field) < 0, HttpScan.IsValidFieldValue(container, start, length));
            Assert.Equal(HttpCharacters.IndexOfInvalidTarget(field) < 0, HttpScan.IsValidTarget(container, start, length));
        }
    }

    [Theory]
    [InlineData("keep-alive", "keep-alive", true)]
    [InlineData("Keep-Alive", "keep-alive", true)]
    [InlineData("KEEP-ALIVE", "keep-alive", true)]
    [InlineData("keep-alivf", "keep-alive", false)]
    [InlineData("keep_alive", "keep-alive", false)]
    [InlineData("CLOSE", "close", true)]
    [InlineData("clos", "close", false)]
    [InlineData("100-Continue", "100-continue", true)]
    [InlineData("TE", "te", true)]
    [InlineData("Ta", "te", false)]
    [InlineData("Sec-WebSocket-Extensions", "sec-websocket-extensions", true)]
    [InlineData("Sec-WebSocket-ExtensionS", "sec-websocket-extensionz", false)]
    public void Folds_letter_case_only(string s, string lower, bool equal)
    {
        Assert.Equal(equal, HttpScan.EqualsLower(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(lower)));
    }
}
