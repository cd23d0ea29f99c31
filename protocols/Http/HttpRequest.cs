using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// A request as the handler sees it, whichever protocol carried it. The request line and header
/// fields are views into the protocol's head buffer (no copies, no strings unless asked for); they
/// are valid until the response completes. Reused for the next request: keep nothing from it.
/// </summary>
/// <remarks>
/// Every slice is an offset from one base pointer, so a protocol can move the head (for example
/// when a handler goes asynchronous and the receive buffer must be returned) by copying it and
/// calling <see cref="Rebase"/>.
/// </remarks>
public sealed unsafe class HttpRequest
{
    private readonly HttpContext _context;
    private byte* _base;
    private int _headLength;
    private ByteRange _method, _target, _path, _query, _authority;
    private bool _defaultPath;
    private HeaderEntry[] _headers = new HeaderEntry[16];
    private int _headerCount;
    private RouteValueEntry[] _routeValues = new RouteValueEntry[4];
    private int _routeValueCount;
    private HttpRequestBodyStream? _bodyStream;

    private struct HeaderEntry
    {
        public ByteRange Name;
        public ByteRange Value;
        public KnownHeader Known;
    }

    private struct RouteValueEntry
    {
        public string Name;
        public ByteRange Value;
    }

    internal HttpRequest(HttpContext context) => _context = context;

    public HttpContext Context => _context;

    public RequestMethod Method { get; internal set; }

    /// <summary>The method as sent (for <see cref="RequestMethod.Custom"/> methods, the only way to tell them apart).</summary>
    public ReadOnlySpan<byte> MethodName => Method != RequestMethod.Custom ? RequestMethods.Name(Method) : Slice(_method);

    public HttpProtocolVersion Protocol { get; internal set; }

    /// <summary>The request-target exactly as received (origin-form "/a?b", absolute-form, "*" or authority-form).</summary>
    public ReadOnlySpan<byte> Target => Slice(_target);

    /// <summary>The path, still percent-encoded, always starting with '/' except for "*" (OPTIONS) and CONNECT.</summary>
    public ReadOnlySpan<byte> Path => _defaultPath ? "/"u8 : Slice(_path);

    /// <summary>The query without its '?' (empty when there is none).</summary>
    public ReadOnlySpan<byte> Query => Slice(_query);

    /// <summary>The target's authority (absolute-form) or else the Host header value; may be empty.</summary>
    public ReadOnlySpan<byte> Authority => Slice(_authority);

    /// <summary>The declared body length, or null when it is not known in advance (chunked, HTTP/2 without content-length).</summary>
    public long? ContentLength { get; internal set; }

    /// <summary>True when a body follows the head (a zero Content-Length counts as none).</summary>
    public bool HasBody { get; internal set; }

    public RequestHeaders Headers => new(this);

    public RouteValues RouteValues => new(this);

    /// <summary>The path decoded as a string (allocates).</summary>
    public string GetPathString() => Encoding.UTF8.GetString(Path);

    /// <summary>
    /// Reads the next bytes of the body into <paramref name="buffer"/>; 0 at its end. Completes
    /// synchronously when bytes have already arrived. An invalid or truncated body faults with
    /// <see cref="BadRequestException"/>. One read at a time.
    /// </summary>
    public ValueTask<int> ReadBodyAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _context.Transport.ReadBodyAsync(buffer, cancellationToken);

    /// <summary>Reads the whole body, up to <paramref name="maxBytes"/> (413 beyond). The memory is valid until the response completes.</summary>
    public ValueTask<ReadOnlyMemory<byte>> ReadBodyToEndAsync(int maxBytes = 1024 * 1024, CancellationToken cancellationToken = default) =>
        RequestBodyReader.ReadToEndAsync(this, maxBytes, cancellationToken);

    /// <summary>The body as a read-only, asynchronous-only <see cref="Stream"/> (created once per pooled context).</summary>
    public Stream Body => _bodyStream ??= new HttpRequestBodyStream(this);

    // ---- filled by protocols ----

    internal int HeaderCount => _headerCount;

    internal HeaderField HeaderAt(int index)
    {
        if ((uint)index >= (uint)_headerCount) throw new ArgumentOutOfRangeException(nameof(index));
        ref HeaderEntry e = ref _headers[index];
        return new HeaderField(e.Known, Slice(e.Name), Slice(e.Value));
    }

    internal int IndexOfHeader(KnownHeader header, int start)
    {
        HeaderEntry[] headers = _headers;
        for (int i = start; i < _headerCount; i++)
            if (headers[i].Known == header) return i;
        return -1;
    }

    /// <summary>The bytes a protocol filled in; slices are offsets from <paramref name="headBase"/>.</summary>
    internal void SetHead(byte* headBase, int headLength)
    {
        _base = headBase;
        _headLength = headLength;
    }

    internal byte* HeadBase => _base;

    internal int HeadLength => _headLength;

    /// <summary>The head was copied to <paramref name="newBase"/>: every slice follows.</summary>
    internal void Rebase(byte* newBase) => _base = newBase;

    internal void SetRequestLine(RequestMethod method, ByteRange methodName, ByteRange target, ByteRange path, bool defaultPath, ByteRange query)
    {
        Method = method;
        _method = methodName;
        _target = target;
        _path = path;
        _defaultPath = defaultPath;
        _query = query;
    }

    internal void SetAuthority(ByteRange authority) => _authority = authority;

    internal void AddHeader(KnownHeader known, ByteRange name, ByteRange value)
    {
        if (_headerCount == _headers.Length) Array.Resize(ref _headers, _headers.Length * 2);
        ref HeaderEntry e = ref _headers[_headerCount++];
        e.Known = known;
        e.Name = name;
        e.Value = value;
    }

    internal ByteRange HeaderValueRange(int index) => _headers[index].Value;

    internal ReadOnlySpan<byte> Slice(ByteRange r) => new(_base + r.Offset, r.Length);

    internal ByteRange PathRange => _path;

    internal bool IsDefaultPath => _defaultPath;

    // ---- route values (filled by the router) ----

    internal int RouteValueCount => _routeValueCount;

    internal string RouteValueNameAt(int index) => (uint)index < (uint)_routeValueCount ? _routeValues[index].Name : throw new ArgumentOutOfRangeException(nameof(index));

    internal ReadOnlySpan<byte> RouteValueAt(int index) => (uint)index < (uint)_routeValueCount ? Slice(_routeValues[index].Value) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Records route value <paramref name="index"/>: <paramref name="length"/> bytes at <paramref name="pathOffset"/> in <see cref="Path"/>.</summary>
    internal void SetRouteValue(int index, string name, int pathOffset, int length)
    {
        if (index >= _routeValues.Length) Array.Resize(ref _routeValues, Math.Max(index + 1, _routeValues.Length * 2));
        _routeValues[index].Name = name;
        // The default path "/" is not in the head buffer, but it has no segment to capture either.
        _routeValues[index].Value = length == 0 ? default : new ByteRange(_path.Offset + pathOffset, length);
        _routeValueCount = index + 1;
    }

    internal void ClearRouteValues() => _routeValueCount = 0;

    internal void Reset()
    {
        _base = null;
        _headLength = 0;
        _method = _target = _path = _query = _authority = default;
        _defaultPath = false;
        _headerCount = 0;
        _routeValueCount = 0;
        Method = RequestMethod.Custom;
        Protocol = HttpProtocolVersion.Http11;
        ContentLength = null;
        HasBody = false;
        // A flood of fields once must not pin a large table in a pooled context for good.
        if (_headers.Length > 128) _headers = new HeaderEntry[16];
    }
}
