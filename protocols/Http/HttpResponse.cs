using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// The response being built. Status and headers can change until the response starts. Body bytes
/// are buffered (up to <see cref="BufferLimit"/>) so a handler that simply writes and returns gets
/// an exact Content-Length; writing more, or flushing, starts the response and streams the rest
/// (chunked on HTTP/1.1 unless <see cref="ContentLength"/> was set).
/// </summary>
public sealed class HttpResponse : IBufferWriter<byte>
{
    /// <summary>Bytes buffered before the response starts streaming.</summary>
    public const int BufferLimit = 16 * 1024;
    private const int InitialBufferSize = 4096;
    private const int KeptBufferSize = 64 * 1024;

    private readonly HttpContext _context;
    private byte[]? _buffer;
    private int _buffered;
    private long _written;
    private int _statusCode = 200;
    private long? _contentLength;
    private State _state;

    private enum State : byte
    {
        NotStarted,
        Started,
        Completed,
    }

    internal HttpResponse(HttpContext context)
    {
        _context = context;
        Headers = new HttpResponseHeaders();
    }

    public HttpResponseHeaders Headers { get; }

    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ThrowIfStarted();
            if (value < 100 || value > 999) throw new ArgumentOutOfRangeException(nameof(value), "A status code has three digits (RFC 9110 §15).");
            _statusCode = value;
        }
    }

    /// <summary>The body length to announce. Writing more throws; completing with fewer aborts the exchange.</summary>
    public long? ContentLength
    {
        get => _contentLength;
        set
        {
            ThrowIfStarted();
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
            _contentLength = value;
        }
    }

    /// <summary>Status and headers were handed to the protocol; they can no longer change.</summary>
    public bool HasStarted => _state != State.NotStarted;

    /// <summary>Body bytes written so far (also counted for HEAD, whose body is not sent).</summary>
    public long BodyBytesWritten => _written;

    /// <summary>The request was HEAD: the body is measured for Content-Length but not sent (RFC 9110 §9.3.2).</summary>
    internal bool SuppressBody { get; set; }

    /// <summary>Sets Content-Type (a common header worth a shortcut).</summary>
    public void SetContentType(ReadOnlySpan<byte> value) => Headers.Set(KnownHeader.ContentType, value);

    public void SetContentType(string value) => Headers.Set(KnownHeader.ContentType, value);

    public void Write(ReadOnlySpan<byte> data)
    {
        ThrowIfCompleted();
        if (data.IsEmpty) return;
        CountBody(data.Length);
        if (_state == State.NotStarted)
        {
            if (_buffered + data.Length <= BufferLimit)
            {
                EnsureBuffer(_buffered + data.Length);
                data.CopyTo(_buffer.AsSpan(_buffered));
                _buffered += data.Length;
                return;
            }
            StartStreaming();
        }
        if (!SuppressBody) _context.Transport.WriteBody(data);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8.</summary>
    /// <summary>
    /// Writes bytes that never change (<see cref="StaticContent"/>): large ones are sent from where they
    /// are, without a copy. Set <see cref="ContentLength"/> first to keep the response un-chunked.
    /// </summary>
    public void Write(StaticContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ThrowIfCompleted();
        if (content.Length == 0) return;
        if (_state == State.NotStarted && _buffered + content.Length <= BufferLimit)
        {
            Write(content.Span); // small: buffered with the rest, as any write
            return;
        }
        CountBody(content.Length);
        if (_state == State.NotStarted) StartStreaming();
        if (!SuppressBody) _context.Transport.WriteBody(content);
    }

    public void Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            // Encode in slices so a long string never needs one huge span.
            int chars = Math.Min(rest.Length, 4096);
            if (chars < rest.Length && char.IsHighSurrogate(rest[chars - 1])) chars--;
            Span<byte> span = GetSpan(Encoding.UTF8.GetMaxByteCount(chars));
            int n = Encoding.UTF8.GetBytes(rest.Slice(0, chars), span);
            Advance(n);
            rest = rest.Slice(chars);
        }
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        ThrowIfCompleted();
        if (sizeHint < 1) sizeHint = 256;
        if (_state == State.NotStarted && _buffered > 0 && _buffered + sizeHint > BufferLimit) StartStreaming();
        EnsureBuffer(_buffered + sizeHint);
        return _buffer.AsMemory(_buffered);
    }

    public void Advance(int count)
    {
        ThrowIfCompleted();
        if (count < 0 || _buffer is null || _buffered + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        if (count == 0) return;
        CountBody(count);
        _buffered += count;
        if (_state == State.Started) FlushBuffer();
        else if (_buffered > BufferLimit) StartStreaming();
    }

    /// <summary>Starts the response if needed and hands buffered bytes to the protocol (no waiting).</summary>
    public void Flush()
    {
        ThrowIfCompleted();
        if (_state == State.NotStarted) StartStreaming();
        else FlushBuffer();
    }

    /// <summary>Like <see cref="Flush"/>, then waits while the connection has too much output queued (backpressure).</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Flush();
        return _context.Transport.FlushAsync(cancellationToken);
    }

    private void StartStreaming()
    {
        _state = State.Started;
        _context.Transport.StartResponse(this, _contentLength ?? -1);
        FlushBuffer();
    }

    private void FlushBuffer()
    {
        if (_buffered == 0) return;
        if (!SuppressBody) _context.Transport.WriteBody(_buffer.AsSpan(0, _buffered));
        _buffered = 0;
    }

    private void CountBody(int count)
    {
        if (!StatusCodes.AllowsBody(_statusCode))
            throw new InvalidOperationException($"A {_statusCode} response has no content (RFC 9110 §6.4.1).");
        if (_contentLength is long declared && _written + count > declared)
            throw new InvalidOperationException($"Writing more than the declared Content-Length ({declared}).");
        _written += count;
    }

    private void EnsureBuffer(int size)
    {
        if (_buffer is not null && _buffer.Length >= size) return;
        int length = Math.Max(size, _buffer is null ? InitialBufferSize : _buffer.Length * 2);
        var bigger = new byte[length];
        if (_buffered > 0) _buffer.AsSpan(0, _buffered).CopyTo(bigger);
        _buffer = bigger;
    }

    /// <summary>
    /// Ends the body (called by the protocol once the handler is done). False when the handler
    /// declared a Content-Length and wrote fewer bytes: the message cannot be completed correctly.
    /// </summary>
    internal bool Complete()
    {
        if (_state == State.Completed) return true;
        bool lengthHonoured = _contentLength is not long declared || declared == _written
            || SuppressBody || !StatusCodes.AllowsBody(_statusCode);
        if (_state == State.NotStarted)
        {
            if (!lengthHonoured) return false;
            _state = State.Started;
            long length = _contentLength ?? (StatusCodes.AllowsBody(_statusCode) ? _buffered : 0);
            _context.Transport.StartResponse(this, length);
            FlushBuffer();
        }
        else if (!lengthHonoured)
        {
            return false;
        }
        _state = State.Completed;
        _context.Transport.EndResponse();
        return true;
    }

    /// <summary>Drops whatever the handler set, for an error response in its place (only before the start).</summary>
    internal void ResetForError(int statusCode)
    {
        _statusCode = statusCode;
        _contentLength = null;
        _buffered = 0;
        _written = 0;
        Headers.Clear();
    }

    internal void Reset()
    {
        _state = State.NotStarted;
        _statusCode = 200;
        _contentLength = null;
        _buffered = 0;
        _written = 0;
        SuppressBody = false;
        Headers.Clear();
        if (_buffer is { Length: > KeptBufferSize }) _buffer = null;
    }

    private void ThrowIfStarted()
    {
        if (_state != State.NotStarted) throw new InvalidOperationException("The response has started: status and headers can no longer change.");
    }

    private void ThrowIfCompleted()
    {
        if (_state == State.Completed) throw new InvalidOperationException("The response is complete.");
    }
}
