using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.ActionGroup;

/// <summary>What ActionGroup reads (any JSON: the handler reads the event itself) and writes, for source-generated (AOT-safe) JSON.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ActionGroupJsonContext : JsonSerializerContext;
