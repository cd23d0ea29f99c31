using System;
using System.Threading;
using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>Reads a whole request body into the context's pooled buffer.</summary>
internal static class RequestBodyReader
{
    public static async ValueTask<ReadOnlyMemory<byte>> ReadToEndAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        HttpContext context = request.Context;
        // One byte over the limit tells an oversized body from one that fits exactly.
        int limit = maxBytes == int.MaxValue ? maxBytes : maxBytes + 1;
        byte[] buffer = context.RentBodyBuffer(request.ContentLength is long cl && cl < limit ? (int)cl + 1 : Math.Min(4096, limit));
        int total = 0;
        while (true)
        {
            if (total == buffer.Length) buffer = context.GrowBodyBuffer((int)Math.Min(limit, (long)total * 2));
            int room = Math.Min(buffer.Length, limit) - total;
            int n = await request.ReadBodyAsync(buffer.AsMemory(total, room), cancellationToken).ConfigureAwait(true);
            if (n == 0) return buffer.AsMemory(0, total);
            total += n;
            if (total > maxBytes) throw new BadRequestException(413, "Request body too large.");
        }
    }
}
