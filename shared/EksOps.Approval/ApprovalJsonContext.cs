using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.Approval;

/// <summary>Source-generated (AOT-safe) JSON for the approval function: any event in, any JSON out, the step result.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(ApprovalStepResult))]
public sealed partial class ApprovalJsonContext : JsonSerializerContext;
