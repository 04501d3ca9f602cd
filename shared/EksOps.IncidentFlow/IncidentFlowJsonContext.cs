using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.IncidentFlow;

/// <summary>
/// The flow's source-generated (AOT-safe) JSON: the task payloads and results (<see cref="JsonObject"/>) and the
/// <see cref="IncidentReport"/>. A local runner can serve the step routers with it; the functions have their own.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IncidentReport))]
public sealed partial class IncidentFlowJsonContext : JsonSerializerContext;
