namespace Uring.Perf.KestrelPeer;

/// <summary>The TechEmpower json test's object: serialized per request, as the test requires.</summary>
internal sealed record JsonMessage(string message);
