using System;
using Uring.Http;

namespace Uring.Http1;

internal enum ParseStatus : byte
{
    /// <summary>More bytes are needed: call again with the same head, extended.</summary>
    Incomplete,
    Complete,
    Error,
}

/// <summary>
/// The request head (request line and header section, RFC 9112 §2.1), parsed incrementally and
/// knowing nothing of I/O: each call gets every byte of the head received so far, from its first,
/// and resumes after the last complete line. Fields are recorded in the <see cref="HttpRequest"/>
/// as offsets from the head's start, so the caller may move the bytes between calls. Line ends
/// are strictly CRLF (a bare LF or CR is refused, §2.2). Limits are checked on partial lines too,
/// so an endless line is refused as soon as it is too long, whatever the split.
/// </summary>
internal struct Http1RequestParser
{
    private Phase _phase;
    private int _position;
    private int _headerStart;
    private int _fieldCount;
    public Http1RequestInfo Info;
    public RequestRejection Rejection;

    private enum Phase : byte
    {
        RequestLine,
        Fields,
        Done,
    }

    /// <summary>Bytes of the head, CRLF CRLF included, once <see cref="ParseStatus.Complete"/>.</summary>
    public readonly int HeadLength => _position;

    public void Reset()
    {
        _phase = Phase.RequestLine;
        _position = 0;
        _headerStart = 0;
        _fieldCount = 0;
        Rejection = RequestRejection.None;
        Info.Reset();
    }

    public ParseStatus Parse(ReadOnlySpan<byte> head, HttpRequest request, in Http1Limits limits)
    {
        int pos = _position;
        while (_phase != Phase.Done)
        {
            ReadOnlySpan<byte> rest = head.Slice(pos);
            int lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
            {
                _position = pos;
                return CheckPartialLine(rest.Length, limits);
            }
            if (_phase == Phase.RequestLine)
            {
                // A server SHOULD ignore at least one empty line before the request-line (§2.2).
                if (lf == 1 && rest[0] == '\r')
                {
                    pos += 2;
                    if (pos > limits.MaxRequestLineBytes) return Fail(RequestRejection.TooManyEmptyLines);
                    continue;
                }
                int length = lf > 0 && rest[lf - 1] == '\r' ? lf - 1 : lf;
                if (length > limits.MaxRequestLineBytes) return Fail(RequestRejection.RequestLineTooLong);
                if (length == lf) return Fail(RequestRejection.BareLineFeed);
                RequestRejection r = RequestLineParser.Parse(rest.Slice(0, length), pos, request, ref Info);
                if (r != RequestRejection.None) return Fail(r);
                pos += lf + 1;
                _headerStart = pos;
                _phase = Phase.Fields;
            }
            else
            {
                if (pos + lf + 1 - _headerStart > limits.MaxHeaderBytes) return Fail(RequestRejection.HeaderSectionTooLarge);
                if (lf == 0 || rest[lf - 1] != '\r') return Fail(RequestRejection.BareLineFeed);
                if (lf == 1)
                {
                    pos += 2;
                    _position = pos;
                    _phase = Phase.Done;
                    return Finish(request, limits);
                }
                if (++_fieldCount > limits.MaxHeaderCount) return Fail(RequestRejection.TooManyFields);
                RequestRejection r = ParseField(rest.Slice(0, lf - 1), pos, request);
                if (r != RequestRejection.None) return Fail(r);
                pos += lf + 1;
            }
        }
        return ParseStatus.Complete;
    }

    private ParseStatus CheckPartialLine(int available, in Http1Limits limits)
    {
        // The line will hold at least `available` bytes plus its LF.
        if (_phase == Phase.RequestLine && available > limits.MaxRequestLineBytes + 1) return Fail(RequestRejection.RequestLineTooLong);
        if (_phase == Phase.Fields && _position + available - _headerStart >= limits.MaxHeaderBytes) return Fail(RequestRejection.HeaderSectionTooLarge);
        return ParseStatus.Incomplete;
    }

    private ParseStatus Fail(RequestRejection rejection)
    {
        Rejection = rejection;
        return ParseStatus.Error;
    }

    // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5)
    private RequestRejection ParseField(ReadOnlySpan<byte> line, int offset, HttpRequest request)
    {
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            // A line starting with whitespace is obs-fold after a field (§5.2), or ambiguous
            // whitespace after the start-line (§2.2): both are rejected.
            return _fieldCount == 1 ? RequestRejection.WhitespaceBeforeFirstField : RequestRejection.ObsoleteLineFolding;
        }
        // One vector pass finds the colon and checks that the name before it is a token; no whitespace
        // is allowed between the name and the colon (§5.1), and a space is not a tchar.
        int colon = HttpScan.FindColonAfterToken(line);
        if (colon == -1) return RequestRejection.MissingColon;
        if (colon <= 0) return RequestRejection.InvalidFieldName;
        ReadOnlySpan<byte> name = line.Slice(0, colon);

        int valueStart = colon + 1, valueEnd = line.Length;
        while (valueStart < valueEnd && line[valueStart] is (byte)' ' or (byte)'\t') valueStart++;
        while (valueEnd > valueStart && line[valueEnd - 1] is (byte)' ' or (byte)'\t') valueEnd--;
        // CTLs other than HTAB, DEL, NUL and bare CR are all refused (RFC 9110 §5.5, RFC 9112 §2.2).
        if (!HttpScan.IsValidFieldValue(line, valueStart, valueEnd - valueStart)) return RequestRejection.InvalidFieldValue;
        ReadOnlySpan<byte> value = line.Slice(valueStart, valueEnd - valueStart);

        KnownHeader known = KnownHeaders.LookupToken(name);
        request.AddHeader(known, new ByteRange(offset, colon), new ByteRange(offset + valueStart, value.Length));
        return known switch
        {
            KnownHeader.Host => OnHost(value, request.HeaderCount - 1),
            KnownHeader.ContentLength => ContentLengthParser.Parse(value, ref Info.ContentLength),
            KnownHeader.TransferEncoding => OnTransferEncoding(value),
            KnownHeader.Connection => OnConnection(value),
            KnownHeader.Expect => OnExpect(value),
            _ => RequestRejection.None,
        };
    }

    private RequestRejection OnHost(ReadOnlySpan<byte> value, int index)
    {
        // Exactly one Host, with a valid value (RFC 9112 §3.2).
        if (++Info.HostCount > 1) return RequestRejection.MultipleHost;
        if (!HostValidator.IsValid(value)) return RequestRejection.InvalidHost;
        Info.HostIndex = index;
        return RequestRejection.None;
    }

    private RequestRejection OnTransferEncoding(ReadOnlySpan<byte> value)
    {
        Info.TransferEncoding = true;
        while (TokenList.TryNext(ref value, out ReadOnlySpan<byte> coding))
        {
            bool chunked = HttpScan.EqualsLower(coding, "chunked"u8);
            if (chunked) Info.ChunkedCount++;
            else Info.UnknownCoding = true;
            Info.ChunkedLast = chunked;
        }
        return RequestRejection.None;
    }

    private RequestRejection OnConnection(ReadOnlySpan<byte> value)
    {
        // The two values nearly every client sends, without splitting a list.
        if (HttpScan.EqualsLower(value, "keep-alive"u8))
        {
            Info.ConnectionKeepAlive = true;
            return RequestRejection.None;
        }
        if (HttpScan.EqualsLower(value, "close"u8))
        {
            Info.ConnectionClose = true;
            return RequestRejection.None;
        }
        while (TokenList.TryNext(ref value, out ReadOnlySpan<byte> option))
        {
            if (HttpScan.EqualsLower(option, "close"u8)) Info.ConnectionClose = true;
            else if (HttpScan.EqualsLower(option, "keep-alive"u8)) Info.ConnectionKeepAlive = true;
        }
        return RequestRejection.None;
    }

    private RequestRejection OnExpect(ReadOnlySpan<byte> value)
    {
        // HTTP/1.0 requests' expectations are ignored (RFC 9110 §10.1.1); any other than 100-continue may get 417.
        if (Info.Version == HttpProtocolVersion.Http10) return RequestRejection.None;
        if (!HttpScan.EqualsLower(value, "100-continue"u8)) return RequestRejection.UnsupportedExpectation;
        Info.ExpectContinue = true;
        return RequestRejection.None;
    }

    /// <summary>Checks that need the whole header section: Host presence and message framing (RFC 9112 §3.2, §6).</summary>
    private ParseStatus Finish(HttpRequest request, in Http1Limits limits)
    {
        if (Info.Version == HttpProtocolVersion.Http11 && Info.HostCount == 0) return Fail(RequestRejection.MissingHost);
        if (Info.TransferEncoding)
        {
            // §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing. §6.3 rule 3:
            // Transfer-Encoding with Content-Length may be smuggling; rejected outright here.
            if (Info.Version == HttpProtocolVersion.Http10) return Fail(RequestRejection.TransferEncodingInHttp10);
            if (Info.ContentLength >= 0) return Fail(RequestRejection.ContentLengthWithTransferEncoding);
            // §6.3 rule 4: chunked must be the final coding, else the length cannot be known (400).
            if (!Info.ChunkedLast) return Fail(RequestRejection.ChunkedNotFinal);
            // §6.1: chunked is applied at most once.
            if (Info.ChunkedCount > 1) return Fail(RequestRejection.ChunkedTwice);
            // §6.1: a coding the server does not understand gets 501.
            if (Info.UnknownCoding) return Fail(RequestRejection.UnsupportedTransferCoding);
        }
        if (Info.ContentLength > limits.MaxBodyBytes) return Fail(RequestRejection.BodyTooLarge);

        request.Protocol = Info.Version;
        request.ContentLength = Info.TransferEncoding ? null : Math.Max(0, Info.ContentLength);
        request.HasBody = Info.TransferEncoding || Info.ContentLength > 0;
        if (!Info.AbsoluteForm && Info.HostIndex >= 0) request.SetAuthority(request.HeaderValueRange(Info.HostIndex));
        return ParseStatus.Complete;
    }
}
