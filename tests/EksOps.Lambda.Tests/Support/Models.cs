using System.Text.Json.Serialization;

namespace EksOps.Lambda.Tests.Support;

/// <summary>The event most tests send.</summary>
internal sealed record Ping(string Name, int Count);

/// <summary>The response most tests return.</summary>
internal sealed record Pong(string Message, int Count);

/// <summary>A type no JSON context of these tests lists.</summary>
internal sealed record Unlisted(string Value);

/// <summary>The source-generated context the in-process runtime uses in these tests.</summary>
[JsonSerializable(typeof(Ping))]
[JsonSerializable(typeof(Pong))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
