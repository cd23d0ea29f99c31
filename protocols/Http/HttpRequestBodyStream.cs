using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// The request body as a <see cref="Stream"/>, for APIs that want one (deserialisers, copies).
/// Asynchronous only: a synchronous read would block the reactor thread that must deliver the bytes.
/// </summary>
internal sealed class HttpRequestBodyStream : Stream
{
    private readonly HttpRequest _request;

    public HttpRequestBodyStream(HttpRequest request) => _request = request;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _request.ReadBodyAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _request.ReadBodyAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The request body is read asynchronously: a blocking read would stall the reactor.");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
