using System.Text.Json.Serialization;

namespace EksOps.StateMachine.Server;

/// <summary>The source-generated (AOT-safe) serializer of the server's wire shapes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(StartExecutionInput))]
[JsonSerializable(typeof(StartExecutionOutput))]
[JsonSerializable(typeof(ExecutionArnInput))]
[JsonSerializable(typeof(DescribeExecutionOutput))]
[JsonSerializable(typeof(StopExecutionInput))]
[JsonSerializable(typeof(StopExecutionOutput))]
[JsonSerializable(typeof(SendTaskSuccessInput))]
[JsonSerializable(typeof(SendTaskFailureInput))]
[JsonSerializable(typeof(SendTaskHeartbeatInput))]
[JsonSerializable(typeof(EmptyOutput))]
[JsonSerializable(typeof(GetExecutionHistoryInput))]
[JsonSerializable(typeof(GetExecutionHistoryOutput))]
[JsonSerializable(typeof(ErrorOutput))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
