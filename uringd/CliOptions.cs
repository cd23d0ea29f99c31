using System.Collections.Generic;
using CommandLine;

namespace Uring.Daemon;

/// <summary>uringd's command line, as CommandLineParser binds it. Validation beyond types is in <see cref="CliConfiguration"/>.</summary>
public sealed class CliOptions
{
    [Option("cores", Default = "all", HelpText = "CPUs to run one reactor each on: 0-15, 0,2,4-7 or all.")]
    public string Cores { get; set; } = "all";

    [Option('p', "port", Default = 8080, HelpText = "Port to listen on (all IPv4 addresses), unless --listen is given.")]
    public int Port { get; set; } = 8080;

    [Option('l', "listen", Separator = ',', HelpText = "Addresses to listen on, ADDR:PORT (comma-separated; [::]:8080 for IPv6).")]
    public IEnumerable<string> Listen { get; set; } = new List<string>();

    [Option("backend", Default = "auto", HelpText = "I/O backend: auto (io_uring, else epoll), io_uring or epoll.")]
    public string Backend { get; set; } = "auto";

    [Option("protocol", Default = "http", HelpText = "Protocol module to serve: http (the embedded site: /, /plaintext, /json), echo or resp.")]
    public string Protocol { get; set; } = "http";

    [Option("header-timeout", Default = 60, HelpText = "HTTP: seconds a request's header section may take to arrive (slowloris), and a new connection may stay silent.")]
    public int HeaderTimeoutSeconds { get; set; } = 60;

    [Option("keepalive-timeout", Default = 75, HelpText = "HTTP: seconds an idle keep-alive connection is kept.")]
    public int KeepAliveTimeoutSeconds { get; set; } = 75;

    [Option("body-timeout", Default = 60, HelpText = "HTTP: seconds to wait for the next bytes of a request body.")]
    public int BodyTimeoutSeconds { get; set; } = 60;

    [Option("max-request-line", Default = 8192, HelpText = "HTTP: longest request line in bytes (longer: 414).")]
    public int MaxRequestLine { get; set; } = 8192;

    [Option("max-header-bytes", Default = 32768, HelpText = "HTTP: largest header section in bytes (larger: 431).")]
    public int MaxHeaderBytes { get; set; } = 32768;

    [Option("max-headers", Default = 100, HelpText = "HTTP: most header fields per request (more: 431).")]
    public int MaxHeaders { get; set; } = 100;

    [Option("max-body", Default = 1048576, HelpText = "HTTP: largest request body in bytes (larger: 413).")]
    public long MaxBody { get; set; } = 1048576;

    [Option("max-requests-per-conn", Default = 100000, HelpText = "HTTP: requests served on one connection before it is closed; 0 = unlimited.")]
    public int MaxRequestsPerConnection { get; set; } = 100000;

    [Option("server-header", Default = "uring", HelpText = "HTTP: value of the Server header; empty for none.")]
    public string ServerHeader { get; set; } = "uring";

    [Option("max-conns", Default = 65536, HelpText = "Connections each reactor accepts at most; further ones are closed at once.")]
    public int MaxConnections { get; set; } = 65536;

    [Option("backlog", Default = 4096, HelpText = "listen(2) backlog of each reactor's socket.")]
    public int Backlog { get; set; } = 4096;

    [Option("drain-timeout", Default = 10, HelpText = "Seconds in-flight work may take to finish after SIGTERM/SIGINT.")]
    public int DrainTimeoutSeconds { get; set; } = 10;

    [Option("op-timeout", Default = 60000, HelpText = "Milliseconds a send may make no progress (or a connect may take) before the connection is aborted; 0 = no limit.")]
    public int OperationTimeoutMs { get; set; } = 60000;

    [Option("recv-buffer-size", Default = 16384, HelpText = "Bytes per receive buffer of each reactor.")]
    public int ReceiveBufferSize { get; set; } = 16384;

    [Option("recv-buffers", Default = 1024, HelpText = "Receive buffers per reactor (a power of two, at most 32768).")]
    public int ReceiveBufferCount { get; set; } = 1024;

    [Option("send-block-size", Default = 16384, HelpText = "Bytes per send block of each reactor's output pool.")]
    public int SendBlockSize { get; set; } = 16384;

    [Option("send-blocks", Default = 256, HelpText = "Send blocks each reactor's pool starts with (it grows when they run out).")]
    public int SendBlockCount { get; set; } = 256;

    [Option("so-sndbuf", Default = 0, HelpText = "SO_SNDBUF of sockets in bytes; 0 = the kernel's default and autotuning.")]
    public int SocketSendBuffer { get; set; }

    [Option("so-rcvbuf", Default = 0, HelpText = "SO_RCVBUF of sockets in bytes; 0 = the kernel's default and autotuning.")]
    public int SocketReceiveBuffer { get; set; }

    [Option("arena", Default = "auto", HelpText = "How reactor I/O arenas are mapped: auto, hugetlb, thp or plain (reserve hugepages with scripts/hugepages.sh N).")]
    public string Arena { get; set; } = "auto";

    [Option("native-heap", Default = "auto", HelpText = "Per-reactor heap for native structures: auto (mimalloc where installed), mimalloc or native.")]
    public string NativeHeap { get; set; } = "auto";

    [Option("send-zc-threshold", Default = 0, HelpText = "io_uring: sends of at least this many bytes use zero-copy SEND_ZC; 0 = never.")]
    public int SendZeroCopyThreshold { get; set; }

    [Option("processes", Default = 1, HelpText = "Worker processes sharing the port (SO_REUSEPORT), each running reactors on all --cores with its own descriptor limit: hold more connections than one process may open (like nginx's worker_processes).")]
    public int Processes { get; set; } = 1;

    [Option("topology", Default = false, HelpText = "Print the CPUs, NUMA nodes, memory features and each reactor's placement, then exit.")]
    public bool Topology { get; set; }

    [Option("no-pin", Default = false, HelpText = "Do not pin reactor threads to their CPUs.")]
    public bool NoPin { get; set; }

    [Option("quiet", Default = false, HelpText = "Log only errors.")]
    public bool Quiet { get; set; }
}
