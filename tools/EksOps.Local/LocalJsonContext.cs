using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EksOps.Local;

/// <summary>The event and response types of the locally hosted flow functions.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
