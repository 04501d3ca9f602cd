using System.Text.Json.Serialization;

namespace EksOps.Aws.StepFunctions;

// Wire shapes of the states 2016-11-23 model (AWS JSON 1.0). Member names are the model's (camelCase); timestamps are
// epoch seconds (the context's default converter).

internal sealed class StartExecutionInput
{
    [JsonPropertyName("stateMachineArn")]
    public string StateMachineArn { get; init; } = string.Empty;

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("input")]
    public string? Input { get; init; }

    [JsonPropertyName("traceHeader")]
    public string? TraceHeader { get; init; }
}

internal sealed class StartExecutionOutput
{
    [JsonPropertyName("executionArn")]
    public string? ExecutionArn { get; init; }

    [JsonPropertyName("startDate")]
    public DateTimeOffset? StartDate { get; init; }
}

internal sealed class DescribeExecutionInput
{
    [JsonPropertyName("executionArn")]
    public string ExecutionArn { get; init; } = string.Empty;
}

internal sealed class DescribeExecutionOutput
{
    [JsonPropertyName("executionArn")]
    public string? ExecutionArn { get; init; }

    [JsonPropertyName("stateMachineArn")]
    public string? StateMachineArn { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("startDate")]
    public DateTimeOffset? StartDate { get; init; }

    [JsonPropertyName("stopDate")]
    public DateTimeOffset? StopDate { get; init; }

    [JsonPropertyName("input")]
    public string? Input { get; init; }

    [JsonPropertyName("output")]
    public string? Output { get; init; }

    [JsonPropertyName("traceHeader")]
    public string? TraceHeader { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("cause")]
    public string? Cause { get; init; }

    [JsonPropertyName("stateMachineVersionArn")]
    public string? StateMachineVersionArn { get; init; }

    [JsonPropertyName("stateMachineAliasArn")]
    public string? StateMachineAliasArn { get; init; }

    [JsonPropertyName("redriveCount")]
    public int? RedriveCount { get; init; }
}

internal sealed class SendTaskSuccessInput
{
    [JsonPropertyName("taskToken")]
    public string TaskToken { get; init; } = string.Empty;

    [JsonPropertyName("output")]
    public string Output { get; init; } = string.Empty;
}

internal sealed class SendTaskFailureInput
{
    [JsonPropertyName("taskToken")]
    public string TaskToken { get; init; } = string.Empty;

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("cause")]
    public string? Cause { get; init; }
}

internal sealed class SendTaskHeartbeatInput
{
    [JsonPropertyName("taskToken")]
    public string TaskToken { get; init; } = string.Empty;
}

/// <summary>The empty <c>{}</c> that SendTask* answer with; unknown members are ignored.</summary>
internal sealed class StepFunctionsEmptyOutput;
