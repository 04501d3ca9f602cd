using System.Text.Json.Serialization;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// The source-generated JSON of Bedrock Agent Runtime (restJson1): camelCase members, nulls not sent, unknown members
/// ignored. It is separate from <c>Serialization.AwsJsonContext</c>, whose options are the AWS JSON protocols'
/// (epoch-second timestamps, PascalCase members).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InvokeAgentBody))]
[JsonSerializable(typeof(PayloadPartWire))]
[JsonSerializable(typeof(ReturnControlPayload))]
[JsonSerializable(typeof(FilePartWire))]
internal sealed partial class BedrockAgentRuntimeJsonContext : JsonSerializerContext;
