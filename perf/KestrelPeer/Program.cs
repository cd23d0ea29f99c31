using System;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Uring.Perf.KestrelPeer;

PeerOptions options;
try
{
    options = PeerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"KestrelPeer: {e.Message}");
    return 2;
}

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
// No console logging: a log line per request would measure the logger, not Kestrel.
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = true; // as nginx and h2o do
    kestrel.Limits.MaxConcurrentConnections = null;
    kestrel.Limits.Http2.MaxStreamsPerConnection = 128; // h2load -m 32 stays below it
    kestrel.Listen(IPAddress.Loopback, options.Http1Port, l => l.Protocols = HttpProtocols.Http1);
    // Without TLS there is no ALPN, so an Http2-only endpoint speaks h2c with prior knowledge.
    kestrel.Listen(IPAddress.Loopback, options.Http2Port, l => l.Protocols = HttpProtocols.Http2);
});

WebApplication app = builder.Build();
app.Run(Endpoints.Handle);
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"KestrelPeer: http/1.1 on 127.0.0.1:{options.Http1Port}, h2c (prior knowledge) on 127.0.0.1:{options.Http2Port}"));
await app.RunAsync();
return 0;
