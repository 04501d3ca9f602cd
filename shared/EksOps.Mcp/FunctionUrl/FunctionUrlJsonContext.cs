using System.Text.Json.Serialization;

namespace EksOps.Mcp;

/// <summary>Source-generated (AOT-safe) JSON for Function URL events and responses; pass it to <c>LambdaRuntime.RunAsync</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionUrlRequest))]
[JsonSerializable(typeof(FunctionUrlResponse))]
public sealed partial class FunctionUrlJsonContext : JsonSerializerContext;
