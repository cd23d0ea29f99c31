using System;
using Xunit;

namespace Uring.Http.Tests;

/// <summary>The vectorised character checks agree with the RFC grammar for every byte, at every position and length.</summary>
public class HttpCharactersTests
{
    private static bool IsTchar(int b) => b is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        || "!#$%&'*+-.^_`|~".IndexOf((char)b) >= 0;

    private static bool IsFieldValueByte(int b) => b == '\t' || b == ' ' || (b >= 0x21 && b <= 0x7E) || b >= 0x80;

    private static bool IsTargetByte(int b) => b >= 0x21 && b <= 0x7E && b != '#';

    [Fact]
    public void Single_bytes_are_classified_per_the_grammar()
    {
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal(IsTchar(b), HttpCharacters.IsTokenChar((byte)b));
            Assert.Equal(IsFieldValueByte(b), HttpCharacters.IsFieldValueChar((byte)b));
        }
    }

    [Fact]
    public void Bulk_checks_find_the_first_invalid_byte_at_every_position()
    {
        foreach (int length in new[] { 1, 7, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100 })
        {
            for (int bad = 0; bad < 256; bad++)
            {
                for (int at = 0; at < length; at += Math.Max(1, length / 9))
                {
                    byte[] value = new byte[length];
                    value.AsSpan().Fill((byte)'a');
                    value[at] = (byte)bad;
                    Assert.Equal(IsFieldValueByte(bad) ? -1 : at, HttpCharacters.IndexOfInvalidFieldValue(value));
                    Assert.Equal(IsTargetByte(bad) ? -1 : at, HttpCharacters.IndexOfInvalidTarget(value));
                    Assert.Equal(IsTchar(bad) ? -1 : at, HttpCharacters.IndexOfNonToken(value));
                }
            }
        }
        Assert.Equal(-1, HttpCharacters.IndexOfInvalidFieldValue(ReadOnlySpan<byte>.Empty));
        Assert.False(HttpCharacters.IsToken(ReadOnlySpan<byte>.Empty));
    }
}
