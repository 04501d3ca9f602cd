using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.GatewayTarget;

/// <summary>What GatewayTarget reads (the tool's arguments, any JSON) and writes, for source-generated (AOT-safe) JSON.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class GatewayTargetJsonContext : JsonSerializerContext;
