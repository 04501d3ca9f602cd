using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.Investigate;

/// <summary>What Investigate reads (the state machine's task payload) and writes (the step's result), for source-generated (AOT-safe) JSON.</summary>
[JsonSerializable(typeof(JsonObject))]
public sealed partial class InvestigateJsonContext : JsonSerializerContext;
