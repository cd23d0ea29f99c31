using System.Text.Json.Serialization;

namespace Uring.Http;

/// <summary>The TechEmpower JSON test's object: <c>{"message":"Hello, World!"}</c>. A struct, so "instantiated per request" costs no allocation.</summary>
public readonly struct JsonMessage
{
    public JsonMessage(string message) => Message = message;

    [JsonPropertyName("message")]
    public string Message { get; }
}

/// <summary>Source-generated serialisation (no reflection; trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(JsonMessage))]
internal sealed partial class DefaultSiteJsonContext : JsonSerializerContext
{
}
