namespace Uring.Http;

/// <summary>A slice of a request's head buffer: offsets stay valid when the head moves (see <see cref="HttpRequest"/>).</summary>
internal readonly struct ByteRange
{
    public readonly int Offset;
    public readonly int Length;

    public ByteRange(int offset, int length)
    {
        Offset = offset;
        Length = length;
    }

    public bool IsEmpty => Length == 0;
}
