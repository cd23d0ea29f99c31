using System.Threading.Tasks;

namespace Uring.Http;

/// <summary>
/// The shape of the pipeline: middleware and handlers take the exchange and return when the
/// response is done. A handler that completes synchronously returns <c>default</c> and costs
/// nothing extra; an asynchronous one resumes on the same reactor after each <c>await</c>.
/// </summary>
public delegate ValueTask RequestDelegate(HttpContext context);

/// <summary>A synchronous handler: runs inline on the reactor thread (the fast path). It must not block.</summary>
public delegate void RequestHandler(HttpContext context);
