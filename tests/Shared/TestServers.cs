using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Uring.Engine;

namespace Uring.Tests.Shared;

// Shared by the engine and HTTP test projects (linked into each as a source file).

/// <summary>The backend the suites run on: URING_TEST_BACKEND=epoll|io_uring|auto (default auto);
/// scripts/test.sh runs every suite once per backend.</summary>
internal static class TestBackend
{
    public static BackendKind Kind => (Environment.GetEnvironmentVariable("URING_TEST_BACKEND") ?? "auto").ToLowerInvariant() switch
    {
        "epoll" => BackendKind.Epoll,
        "io_uring" or "iouring" => BackendKind.IoUring,
        _ => BackendKind.Auto,
    };
}

/// <summary>How a test server ends: a graceful stop that must finish, and no reactor fault on the way.</summary>
internal static class TestServerShutdown
{
    public static async Task StopAndCheckAsync(UringServer server, IEnumerable<string> log)
    {
        Task stop = server.StopAsync(TimeSpan.FromSeconds(2));
        if (await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(15))) != stop)
            throw new TimeoutException("server did not stop; log:\n" + string.Join('\n', log));
        // Every test also checks that no reactor died on an engine fault (a buffer handed out twice,
        // a broken invariant): whatever a client or a handler did, only its connection may suffer.
        if (server.Fault is not null) throw new InvalidOperationException("a reactor failed: " + server.Fault);
    }
}
