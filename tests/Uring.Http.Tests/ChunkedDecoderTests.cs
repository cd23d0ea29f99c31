using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Uring.Http1;
using Xunit;

namespace Uring.Http.Tests;

public class ChunkedDecoderTests
{
    private static readonly Http1Limits Limits = new(8192, 256, 4, 1000);

    /// <summary>Decodes <paramref name="raw"/> fed in pieces of <paramref name="piece"/> bytes (0: whole) into an output of
    /// <paramref name="outputSize"/>; renders data + outcome + bytes left over.</summary>
    private static string Decode(string raw, int piece = 0, int outputSize = 4096, bool discard = false)
    {
        byte[] input = Encoding.Latin1.GetBytes(raw);
        var decoder = new ChunkedDecoder();
        var data = new MemoryStream();
        var output = new byte[outputSize];
        int pos = 0;
        int end = 0;
        while (true)
        {
            end = piece == 0 ? input.Length : Math.Min(input.Length, end + piece);
            while (pos < end)
            {
                ChunkedDecoder.Result r = decoder.Decode(input.AsSpan(pos, end - pos), output, discard, Limits, out int consumed, out int produced);
                data.Write(output, 0, produced);
                pos += consumed;
                if (r == ChunkedDecoder.Result.Error) return $"ERR {decoder.Rejection}";
                if (r == ChunkedDecoder.Result.Done) return $"DONE {Encoding.Latin1.GetString(data.ToArray())} rest={input.Length - pos}";
                if (consumed == 0 && produced == 0) throw new InvalidOperationException("no progress");
            }
            if (end == input.Length) return $"MORE {Encoding.Latin1.GetString(data.ToArray())}";
        }
    }

    public static IEnumerable<object[]> Bodies() => new[]
    {
        new object[] { "5\r\nhello\r\n0\r\n\r\n", "DONE hello rest=0" },
        new object[] { "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET", "DONE hello world rest=3" },
        new object[] { "A\r\n0123456789\r\n000\r\n\r\n", "DONE 0123456789 rest=0" },
        new object[] { "0005;name=value;flag ; q=\"quo\\\"ted;\"\r\nhello\r\n0;last\r\n\r\n", "DONE hello rest=0" },
        new object[] { "3 ;x=y\r\nabc\r\n0\r\nTrailer-One: 1\r\nX: two words\r\n\r\n", "DONE abc rest=0" },
        new object[] { "3\r\nabc\r\n", "MORE abc" },
        new object[] { "3\r\nabc\r\n0\r\n", "MORE abc" },
        new object[] { "\r\n", "ERR InvalidChunkSize" },
        new object[] { "g\r\n", "ERR InvalidChunkSize" },
        new object[] { "-5\r\n", "ERR InvalidChunkSize" },
        new object[] { "0x5\r\n", "ERR InvalidChunkSize" },
        new object[] { "5\nhello\r\n", "ERR InvalidChunkSize" },
        new object[] { "5 \r\nhello\r\n", "ERR InvalidChunkExtension" },
        new object[] { "5;\r\nhello\r\n", "ERR InvalidChunkExtension" },
        new object[] { "5;a=\"x\r\n", "ERR InvalidChunkExtension" },
        new object[] { "5;a b\r\n", "ERR InvalidChunkExtension" },
        new object[] { "1" + new string('0', 16) + "\r\n", "ERR InvalidChunkSize" },
        new object[] { "5\r\nhelloX\r\n", "ERR MissingChunkDataCrlf" },
        new object[] { "5\r\nhello\rX", "ERR MissingChunkDataCrlf" },
        new object[] { "5\r\nhello\n0\r\n\r\n", "ERR MissingChunkDataCrlf" },
        new object[] { "0\r\nBad Trailer: x\r\n\r\n", "ERR InvalidTrailer" },
        new object[] { "0\r\n folded\r\n\r\n", "ERR InvalidTrailer" },
        new object[] { "0\r\nA: b\nc\r\n\r\n", "ERR InvalidTrailer" },
        new object[] { "0\r\nA: b\r\r\n\r\n", "ERR InvalidTrailer" },
        new object[] { "0\r\n\rX", "ERR InvalidTrailer" },
        new object[] { "0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n", "ERR TooManyFields" },
        new object[] { "0\r\nA: " + new string('x', 300) + "\r\n\r\n", "ERR HeaderSectionTooLarge" },
        new object[] { "3e9\r\n", "ERR BodyTooLarge" },
        new object[] { "3e8\r\n" + new string('z', 1000) + "\r\n1\r\n", "ERR BodyTooLarge" },
        new object[] { "1;" + new string('e', 5000) + "\r\n", "ERR InvalidChunkExtension" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Decodes_the_same_whatever_the_split(string raw, string expected)
    {
        Assert.Equal(expected, Decode(raw));
        for (int piece = 1; piece <= Math.Min(raw.Length, 12); piece++) Assert.Equal(expected, Decode(raw, piece));
        // A small output buffer makes the decoder stop and resume inside chunk data.
        Assert.Equal(expected, Decode(raw, 0, outputSize: 3));
        Assert.Equal(expected, Decode(raw, 1, outputSize: 1));
    }

    [Fact]
    public void Discarding_skips_data_but_checks_framing()
    {
        Assert.Equal("DONE  rest=2", Decode("5\r\nhello\r\n0\r\n\r\nXY", discard: true));
        Assert.Equal("ERR MissingChunkDataCrlf", Decode("5\r\nhelloX", discard: true));
    }
}
