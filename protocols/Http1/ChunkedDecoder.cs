using System;
using Uring.Http;

namespace Uring.Http1;

/// <summary>
/// Decodes the chunked transfer coding (RFC 9112 §7.1) from input split at any byte, keeping no
/// bytes of its own: framing goes through a byte-at-a-time state machine, chunk data is copied
/// (or skipped) in bulk. Extensions are validated and ignored (§7.1.1); trailer fields are
/// validated like header fields, counted against the header limits, and discarded (§7.1.2).
/// </summary>
internal struct ChunkedDecoder
{
    private State _state;
    private long _chunkRemaining;
    private long _total;
    private int _lineBytes;
    private int _trailerBytes;
    private int _trailerCount;
    public RequestRejection Rejection;

    public enum Result : byte
    {
        /// <summary>All input consumed or the output is full; the body continues.</summary>
        Progress,
        /// <summary>The last chunk and trailer section are consumed: the body is complete.</summary>
        Done,
        Error,
    }

    private enum State : byte
    {
        SizeStart,
        Size,
        SizeWhitespace,
        ExtNameStart,
        ExtName,
        ExtAfterName,
        ExtValueStart,
        ExtToken,
        ExtQuoted,
        ExtQuotedEscape,
        ExtAfterValue,
        SizeLf,
        Data,
        DataCr,
        DataLf,
        TrailerLineStart,
        TrailerName,
        TrailerValue,
        TrailerLf,
        FinalLf,
        Done,
    }

    public readonly bool IsDone => _state == State.Done;

    /// <summary>Data bytes decoded so far.</summary>
    public readonly long Total => _total;

    public void Reset() => this = default;

    /// <summary>
    /// Consumes framing from <paramref name="input"/> and copies chunk data into <paramref name="output"/>
    /// (or skips it when <paramref name="discard"/>), stopping when the input is used up, the output is
    /// full or the body ends.
    /// </summary>
    public Result Decode(ReadOnlySpan<byte> input, Span<byte> output, bool discard, in Http1Limits limits, out int consumed, out int produced)
    {
        int i = 0, o = 0;
        Result result = _state == State.Done ? Result.Done : Result.Progress;
        while (i < input.Length)
        {
            if (_state == State.Data)
            {
                int n = (int)Math.Min(_chunkRemaining, input.Length - i);
                if (!discard)
                {
                    n = Math.Min(n, output.Length - o);
                    if (n == 0) break;
                    input.Slice(i, n).CopyTo(output.Slice(o));
                    o += n;
                }
                i += n;
                _chunkRemaining -= n;
                if (_chunkRemaining == 0) _state = State.DataCr;
                continue;
            }
            if (_state == State.Done) break;
            byte b = input[i++];
            if (!Step(b, limits))
            {
                result = Result.Error;
                break;
            }
            if (_state == State.Done)
            {
                result = Result.Done;
                break;
            }
        }
        consumed = i;
        produced = o;
        return result;
    }

    private bool Step(byte b, in Http1Limits limits)
    {
        if (_state <= State.SizeLf && ++_lineBytes > Http1Limits.MaxChunkLineBytes) return Fail(RequestRejection.InvalidChunkExtension);
        if (_state >= State.TrailerLineStart && ++_trailerBytes > limits.MaxHeaderBytes) return Fail(RequestRejection.HeaderSectionTooLarge);
        bool ws = b is (byte)' ' or (byte)'\t';
        switch (_state)
        {
            // chunk-size = 1*HEXDIG
            case State.SizeStart:
                {
                    int d = PercentEncoding.HexValue(b);
                    if (d < 0) return Fail(RequestRejection.InvalidChunkSize);
                    _chunkRemaining = d;
                    _state = State.Size;
                    return true;
                }
            case State.Size:
                {
                    int d = PercentEncoding.HexValue(b);
                    if (d >= 0)
                    {
                        if (_chunkRemaining > (long.MaxValue >> 4)) return Fail(RequestRejection.InvalidChunkSize);
                        _chunkRemaining = (_chunkRemaining << 4) | (uint)d;
                        return true;
                    }
                    if (b == '\r') return Go(State.SizeLf);
                    if (b == ';') return Go(State.ExtNameStart);
                    if (ws) return Go(State.SizeWhitespace);
                    return Fail(RequestRejection.InvalidChunkSize);
                }
            // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
            case State.SizeWhitespace:
                if (ws) return true;
                if (b == ';') return Go(State.ExtNameStart);
                return Fail(RequestRejection.InvalidChunkExtension);
            case State.ExtNameStart:
                if (ws) return true;
                if (HttpCharacters.IsTokenChar(b)) return Go(State.ExtName);
                return Fail(RequestRejection.InvalidChunkExtension);
            case State.ExtName:
                if (HttpCharacters.IsTokenChar(b)) return true;
                return AfterExtItem(b, ws, State.ExtAfterName, allowEquals: true);
            case State.ExtAfterName:
                if (ws) return true;
                return AfterExtItem(b, ws, State.ExtAfterName, allowEquals: true);
            case State.ExtValueStart:
                if (ws) return true;
                if (b == '"') return Go(State.ExtQuoted);
                if (HttpCharacters.IsTokenChar(b)) return Go(State.ExtToken);
                return Fail(RequestRejection.InvalidChunkExtension);
            case State.ExtToken:
                if (HttpCharacters.IsTokenChar(b)) return true;
                return AfterExtItem(b, ws, State.ExtAfterValue, allowEquals: false);
            // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4)
            case State.ExtQuoted:
                if (b == '"') return Go(State.ExtAfterValue);
                if (b == '\\') return Go(State.ExtQuotedEscape);
                if (ws || (b >= 0x21 && b != 0x7F)) return true;
                return Fail(RequestRejection.InvalidChunkExtension);
            case State.ExtQuotedEscape:
                if (ws || (b >= 0x21 && b != 0x7F)) return Go(State.ExtQuoted);
                return Fail(RequestRejection.InvalidChunkExtension);
            case State.ExtAfterValue:
                if (ws) return true;
                return AfterExtItem(b, ws, State.ExtAfterValue, allowEquals: false);
            case State.SizeLf:
                if (b != '\n') return Fail(RequestRejection.InvalidChunkSize);
                _lineBytes = 0;
                if (_chunkRemaining == 0) return Go(State.TrailerLineStart);
                if (_chunkRemaining > limits.MaxBodyBytes - _total) return Fail(RequestRejection.BodyTooLarge);
                _total += _chunkRemaining;
                return Go(State.Data);
            // Each chunk's data ends with CRLF.
            case State.DataCr:
                return b == '\r' ? Go(State.DataLf) : Fail(RequestRejection.MissingChunkDataCrlf);
            case State.DataLf:
                return b == '\n' ? Go(State.SizeStart) : Fail(RequestRejection.MissingChunkDataCrlf);
            // trailer-section = *( field-line CRLF ), then the final CRLF.
            case State.TrailerLineStart:
                if (b == '\r') return Go(State.FinalLf);
                if (!HttpCharacters.IsTokenChar(b)) return Fail(RequestRejection.InvalidTrailer);
                if (++_trailerCount > limits.MaxHeaderCount) return Fail(RequestRejection.TooManyFields);
                return Go(State.TrailerName);
            case State.TrailerName:
                if (b == ':') return Go(State.TrailerValue);
                return HttpCharacters.IsTokenChar(b) || Fail(RequestRejection.InvalidTrailer);
            case State.TrailerValue:
                if (b == '\r') return Go(State.TrailerLf);
                return HttpCharacters.IsFieldValueChar(b) || Fail(RequestRejection.InvalidTrailer);
            case State.TrailerLf:
                return b == '\n' ? Go(State.TrailerLineStart) : Fail(RequestRejection.InvalidTrailer);
            case State.FinalLf:
                return b == '\n' ? Go(State.Done) : Fail(RequestRejection.InvalidTrailer);
            default:
                return Fail(RequestRejection.InvalidChunkSize);
        }
    }

    /// <summary>What may follow an extension name or value: BWS, '=', another ';', or the line's CR.</summary>
    private bool AfterExtItem(byte b, bool ws, State whitespaceState, bool allowEquals)
    {
        if (ws) return Go(whitespaceState);
        if (b == ';') return Go(State.ExtNameStart);
        if (b == '=' && allowEquals) return Go(State.ExtValueStart);
        if (b == '\r') return Go(State.SizeLf);
        return Fail(RequestRejection.InvalidChunkExtension);
    }

    private bool Go(State next)
    {
        _state = next;
        return true;
    }

    private bool Fail(RequestRejection rejection)
    {
        Rejection = rejection;
        return false;
    }
}
