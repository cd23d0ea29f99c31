using System;

namespace Uring.ConnHold;

/// <summary>The one request a connection sends before it goes idle, and the check of its answer.</summary>
public interface IExchange
{
    /// <summary>The largest response accepted; a connection receives into a buffer of this size.</summary>
    int MaxResponseBytes { get; }

    /// <summary>Writes connection <paramref name="id"/>'s request into <paramref name="dest"/>; returns its length.</summary>
    int WriteRequest(int id, Span<byte> dest);

    /// <summary>Judges what connection <paramref name="id"/> received so far; <paramref name="problem"/> says why when invalid.</summary>
    ResponseCheck Check(int id, ReadOnlySpan<byte> received, out string? problem);

    /// <summary>A correct response to <paramref name="request"/>, for the probe's JIT warm-up against itself.</summary>
    byte[] SampleResponse(ReadOnlySpan<byte> request);
}
