using System;
using System.Net;
using Uring.Engine;
using Uring.Engine.Memory;
using Uring.Http;
using Uring.Http1;
using Uring.Protocols.Examples;

namespace Uring.Daemon;

/// <summary>Turns parsed <see cref="CliOptions"/> into server options and a module, or a one-line reason they are wrong.</summary>
public static class CliConfiguration
{
    public static bool TryBuild(CliOptions cli, out ServerOptions options, out string? error)
    {
        options = new ServerOptions();
        error = null;

        if (!CoreList.TryParse(cli.Cores, out int[] cores, out string? coreError))
        {
            error = $"--cores: {coreError}";
            return false;
        }
        options.Cores = cores;
        options.PinThreads = !cli.NoPin;

        switch (cli.Backend.ToLowerInvariant())
        {
            case "auto": options.Backend = BackendKind.Auto; break;
            case "io_uring": case "iouring": options.Backend = BackendKind.IoUring; break;
            case "epoll": options.Backend = BackendKind.Epoll; break;
            case "kqueue": options.Backend = BackendKind.Kqueue; break;
            default:
                error = $"--backend: '{cli.Backend}' is not one of auto, io_uring, epoll";
                return false;
        }

        if (cli.MaxConnections < 1)
        {
            error = "--max-conns must be at least 1";
            return false;
        }
        options.MaxConnectionsPerReactor = cli.MaxConnections;
        if (cli.Backlog < 1)
        {
            error = "--backlog must be at least 1";
            return false;
        }
        options.Backlog = cli.Backlog;
        if (cli.Processes < 1 || cli.Processes > 1024)
        {
            error = "--processes must be between 1 and 1024";
            return false;
        }
        if (cli.DrainTimeoutSeconds < 0)
        {
            error = "--drain-timeout must not be negative";
            return false;
        }

        if (cli.OperationTimeoutMs < 0 || cli.SocketSendBuffer < 0 || cli.SocketReceiveBuffer < 0)
        {
            error = "--op-timeout, --so-sndbuf and --so-rcvbuf must not be negative";
            return false;
        }
        options.OperationTimeoutMs = cli.OperationTimeoutMs;
        options.SocketSendBufferSize = cli.SocketSendBuffer;
        options.SocketReceiveBufferSize = cli.SocketReceiveBuffer;
        options.ReceiveBufferSize = cli.ReceiveBufferSize;
        options.ReceiveBufferCount = cli.ReceiveBufferCount;
        options.SendBlockSize = cli.SendBlockSize;
        options.SendBlockCount = cli.SendBlockCount;
        switch (cli.Arena.ToLowerInvariant())
        {
            case "auto": options.ArenaMode = null; break;
            case "hugetlb": options.ArenaMode = ArenaMode.HugeTlb; break;
            case "thp": options.ArenaMode = ArenaMode.TransparentHugePages; break;
            case "plain": options.ArenaMode = ArenaMode.Plain; break;
            default:
                error = $"--arena: '{cli.Arena}' is not one of auto, hugetlb, thp, plain";
                return false;
        }
        switch (cli.NativeHeap.ToLowerInvariant())
        {
            case "auto": options.NativeHeap = NativeHeapKind.Auto; break;
            case "mimalloc": options.NativeHeap = NativeHeapKind.Mimalloc; break;
            case "native": options.NativeHeap = NativeHeapKind.NativeMemory; break;
            default:
                error = $"--native-heap: '{cli.NativeHeap}' is not one of auto, mimalloc, native";
                return false;
        }
        options.SendZeroCopyThreshold = cli.SendZeroCopyThreshold;
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        IProtocolModule module;
        switch (cli.Protocol.ToLowerInvariant())
        {
            case "http":
                if (!TryBuildHttp(cli, options, out IProtocolModule? http, out error)) return false;
                module = http!;
                break;
            case "echo":
                module = new EchoModule();
                break;
            case "resp":
                module = new RespModule();
                break;
            default:
                error = $"--protocol: '{cli.Protocol}' is not one of http, echo, resp";
                return false;
        }

        bool any = false;
        foreach (string text in cli.Listen)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!ListenAddress.TryParse(text, out IPEndPoint ep))
            {
                error = $"--listen: '{text}' is not ADDR:PORT";
                return false;
            }
            options.Listen(ep, module);
            any = true;
        }
        if (!any)
        {
            if (cli.Port is < 1 or > 65535)
            {
                error = $"--port: {cli.Port} is not a port number (1-65535)";
                return false;
            }
            options.Listen(new IPEndPoint(IPAddress.Any, cli.Port), module);
        }
        return true;
    }

    private static bool TryBuildHttp(CliOptions cli, ServerOptions server, out IProtocolModule? module, out string? error)
    {
        module = null;
        error = null;
        if (cli.HeaderTimeoutSeconds < 1 || cli.KeepAliveTimeoutSeconds < 1 || cli.BodyTimeoutSeconds < 1)
        {
            error = "--header-timeout, --keepalive-timeout and --body-timeout must be at least 1 second";
            return false;
        }
        var http = new HttpServerOptions
        {
            ServerHeader = cli.ServerHeader,
            RequestHeadersTimeout = TimeSpan.FromSeconds(cli.HeaderTimeoutSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(cli.KeepAliveTimeoutSeconds),
            RequestBodyTimeout = TimeSpan.FromSeconds(cli.BodyTimeoutSeconds),
            MaxRequestLineBytes = cli.MaxRequestLine,
            MaxRequestHeaderBytes = cli.MaxHeaderBytes,
            MaxRequestHeaderCount = cli.MaxHeaders,
            MaxRequestBodyBytes = cli.MaxBody,
            MaxRequestsPerConnection = cli.MaxRequestsPerConnection,
            Log = line => server.Log(line), // late-bound: --quiet and a worker's prefix replace server.Log after this
        };
        try
        {
            http.Validate();
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
        module = Http1Module.CreateDefault(http);
        return true;
    }
}
