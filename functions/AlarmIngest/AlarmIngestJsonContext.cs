using System.Text.Json;
using System.Text.Json.Serialization;

namespace EksOps.AlarmIngest;

/// <summary>Every type AlarmIngest reads or writes, for source-generated (AOT-safe) JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(AlarmIngestResult))]
public sealed partial class AlarmIngestJsonContext : JsonSerializerContext;
