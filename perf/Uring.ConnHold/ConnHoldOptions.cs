using CommandLine;

namespace Uring.ConnHold;

/// <summary>Command line of the idle-connection holder and cold-start probe.</summary>
public sealed class ConnHoldOptions
{
    /// <summary>Keeps the request within the 256-byte buffer it is written to.</summary>
    public const int MaxPathLength = 200;

    [Option("host", Default = "127.0.0.1", HelpText = "Server IPv4 address.")]
    public string Host { get; set; } = "127.0.0.1";

    [Option("port", Required = true, HelpText = "Server port.")]
    public int Port { get; set; }

    [Option('n', "connections", Default = 10000, HelpText = "Connections to open and hold.")]
    public int Connections { get; set; } = 10000;

    [Option("protocol", Default = "http", HelpText = "http (GET PATH, response framed by Content-Length, 200 wanted) or echo (16 bytes echoed back).")]
    public string Protocol { get; set; } = "http";

    [Option("path", Default = "/plaintext", HelpText = "HTTP request path.")]
    public string Path { get; set; } = "/plaintext";

    [Option("sources", Default = "", HelpText = "Local source addresses to spread connections over, round-robin: 127.0.0.1-127.0.0.8 or a comma list (each gives ~28k ephemeral ports per server address). Default: the kernel's choice.")]
    public string Sources { get; set; } = "";

    [Option("concurrency", Default = 128, HelpText = "Connections being opened (connecting or awaiting their response) at once; keeps the server's accept queue short.")]
    public int Concurrency { get; set; } = 128;

    [Option("timeout", Default = 10, HelpText = "Seconds a connection may take to connect and answer (probe: seconds to wait for the first response).")]
    public int TimeoutSeconds { get; set; } = 10;

    [Option("hold", Default = 0, HelpText = "Seconds to hold the connections; 0 = until stdin closes (or SIGTERM/SIGINT).")]
    public int HoldSeconds { get; set; }

    [Option("best-effort", Default = false, HelpText = "At the first failure stop opening, hold what is open and report why (\"short REASON\") instead of exiting 1.")]
    public bool BestEffort { get; set; }

    [Option("graceful-close", Default = false, HelpText = "Close with FIN. Default: RST (SO_LINGER 0), which leaves no TIME_WAIT behind, so back-to-back runs never run out of ephemeral ports.")]
    public bool GracefulClose { get; set; }

    [Option("probe", Default = false, HelpText = "Cold-start probe: print \"probing\", then retry one connection + request until a correct response, print \"first-response <unix µs>\" and exit.")]
    public bool Probe { get; set; }

    public string? Validate()
    {
        if (Port is < 1 or > 65535) return $"--port {Port} is not a TCP port";
        if (Connections < 1) return "--connections must be at least 1";
        if (Protocol is not ("http" or "echo")) return $"--protocol {Protocol}: http or echo";
        if (!Path.StartsWith('/') || Path.Length > MaxPathLength || Path.Contains(' '))
            return $"--path must start with /, hold no space and be at most {MaxPathLength} characters";
        if (Concurrency < 1) return "--concurrency must be at least 1";
        if (TimeoutSeconds < 1) return "--timeout must be at least 1 second";
        if (HoldSeconds < 0) return "--hold must be 0 or more seconds";
        return null;
    }
}
