using System;
using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Uring.Http;

namespace Uring.Benchmarks.Http1;

/// <summary>
/// The field-value check (no CTL but HTAB, no DEL) three ways, on a typical value (Accept, 89 B)
/// and a long one (a Cookie, 400 B): the explicit Vector256/128 compare in HttpCharacters, the
/// BCL's SearchValues, and a table walk. The parser uses whichever measures fastest.
/// </summary>
[MemoryDiagnoser]
public class CharacterClassBenchmarks
{
    private static readonly SearchValues<byte> s_invalid = SearchValues.Create(BuildInvalid());

    private byte[] _value = null!;

    [Params(89, 400)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string accept = "text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7 ";
        var sb = new StringBuilder();
        while (sb.Length < Length) sb.Append(accept);
        _value = Encoding.ASCII.GetBytes(sb.ToString(0, Length));
    }

    [Benchmark(Baseline = true)]
    public int Vector() => HttpCharacters.IndexOfInvalidFieldValue(_value);

    [Benchmark]
    public int SearchValuesAny() => _value.AsSpan().IndexOfAny(s_invalid);

    [Benchmark]
    public int Table()
    {
        byte[] v = _value;
        for (int i = 0; i < v.Length; i++)
            if (!HttpCharacters.IsFieldValueChar(v[i])) return i;
        return -1;
    }

    private static byte[] BuildInvalid()
    {
        var invalid = new byte[32];
        int n = 0;
        for (int b = 0; b < 0x20; b++)
            if (b != '\t') invalid[n++] = (byte)b;
        invalid[n++] = 0x7F;
        return invalid.AsSpan(0, n).ToArray();
    }
}
