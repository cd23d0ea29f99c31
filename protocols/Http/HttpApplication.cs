namespace Uring.Http;

/// <summary>A built application: the composed pipeline that every protocol module runs for each request.</summary>
public sealed class HttpApplication
{
    internal HttpApplication(RequestDelegate pipeline, Router router)
    {
        Pipeline = pipeline;
        Router = router;
    }

    public RequestDelegate Pipeline { get; }

    public Router Router { get; }
}
