using System.Text.Json.Serialization;

namespace Uring.BenchReport;

/// <summary>Source-generated (de)serialization of results.json; the bash side writes camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(BenchResults))]
internal sealed partial class BenchResultsJson : JsonSerializerContext
{
}
