using System.Text.Json.Serialization;

namespace Uring.Perf.KestrelPeer;

/// <summary>Source-generated serializer, so /json pays for serialization, not reflection.</summary>
[JsonSerializable(typeof(JsonMessage))]
internal sealed partial class PeerJsonContext : JsonSerializerContext
{
}
