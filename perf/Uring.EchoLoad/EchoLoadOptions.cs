using CommandLine;

namespace Uring.EchoLoad;

/// <summary>Command line of the echo load generator.</summary>
public sealed class EchoLoadOptions
{
    [Option("host", Default = "127.0.0.1", HelpText = "Echo server address.")]
    public string Host { get; set; } = "127.0.0.1";

    [Option("port", Required = true, HelpText = "Echo server port.")]
    public int Port { get; set; }

    [Option('c', "connections", Default = 64, HelpText = "Concurrent connections.")]
    public int Connections { get; set; } = 64;

    [Option('s', "size", Default = 64, HelpText = "Bytes per message.")]
    public int Size { get; set; } = 64;

    [Option('d', "depth", Default = 1, HelpText = "Messages in flight per connection (sent in one write).")]
    public int Depth { get; set; } = 1;

    [Option("duration", Default = 10, HelpText = "Seconds to measure.")]
    public int Duration { get; set; } = 10;

    public string? Validate()
    {
        if (Port is < 1 or > 65535) return $"--port {Port} is not a TCP port";
        if (Connections < 1) return "--connections must be at least 1";
        if (Size < 1) return "--size must be at least 1";
        if (Depth < 1) return "--depth must be at least 1";
        if (Duration < 1) return "--duration must be at least 1 second";
        return null;
    }
}
