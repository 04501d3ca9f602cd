using System.Text.Json.Serialization;

namespace EksOps.StateMachine.Server;

// The states 2016-11-23 shapes the server reads and writes (AWS JSON 1.0, camelCase members, timestamps as epoch
// seconds). Only what the served operations use.

internal sealed class StartExecutionInput
{
    public string? StateMachineArn { get; init; }

    public string? Name { get; init; }

    public string? Input { get; init; }

    public string? TraceHeader { get; init; }
}

internal sealed class StartExecutionOutput
{
    public required string ExecutionArn { get; init; }

    public required DateTimeOffset StartDate { get; init; }
}

internal sealed class ExecutionArnInput
{
    public string? ExecutionArn { get; init; }
}

internal sealed class DescribeExecutionOutput
{
    public required string ExecutionArn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartDate { get; init; }

    public DateTimeOffset? StopDate { get; init; }

    public required string Input { get; init; }

    public required InputDetails InputDetails { get; init; }

    public string? Output { get; init; }

    public InputDetails? OutputDetails { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public string? TraceHeader { get; init; }

    public int RedriveCount { get; init; }
}

internal sealed class InputDetails
{
    public bool Included { get; init; } = true;
}

internal sealed class StopExecutionInput
{
    public string? ExecutionArn { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

internal sealed class StopExecutionOutput
{
    public required DateTimeOffset StopDate { get; init; }
}

internal sealed class SendTaskSuccessInput
{
    public string? TaskToken { get; init; }

    public string? Output { get; init; }
}

internal sealed class SendTaskFailureInput
{
    public string? TaskToken { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

internal sealed class SendTaskHeartbeatInput
{
    public string? TaskToken { get; init; }
}

internal sealed class EmptyOutput;

internal sealed class GetExecutionHistoryInput
{
    public string? ExecutionArn { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public bool? ReverseOrder { get; init; }

    public bool? IncludeExecutionData { get; init; }
}

internal sealed class GetExecutionHistoryOutput
{
    public required IReadOnlyList<HistoryEventWire> Events { get; init; }

    public string? NextToken { get; init; }
}

internal sealed class HistoryEventWire
{
    public required DateTimeOffset Timestamp { get; init; }

    public required string Type { get; init; }

    public required long Id { get; init; }

    public required long PreviousEventId { get; init; }

    public ExecutionStartedDetails? ExecutionStartedEventDetails { get; init; }

    public OutputDetails? ExecutionSucceededEventDetails { get; init; }

    public ErrorDetails? ExecutionFailedEventDetails { get; init; }

    public ErrorDetails? ExecutionAbortedEventDetails { get; init; }

    public ErrorDetails? ExecutionTimedOutEventDetails { get; init; }

    public StateEnteredDetails? StateEnteredEventDetails { get; init; }

    public StateExitedDetails? StateExitedEventDetails { get; init; }

    public TaskScheduledDetails? TaskScheduledEventDetails { get; init; }

    public TaskDetails? TaskStartedEventDetails { get; init; }

    public TaskDetails? TaskSubmittedEventDetails { get; init; }

    public TaskDetails? TaskSucceededEventDetails { get; init; }

    public TaskDetails? TaskFailedEventDetails { get; init; }

    public TaskDetails? TaskTimedOutEventDetails { get; init; }
}

internal sealed class ExecutionStartedDetails
{
    public string? Input { get; init; }

    public string? RoleArn { get; init; }
}

internal sealed class OutputDetails
{
    public string? Output { get; init; }
}

internal sealed class ErrorDetails
{
    public string? Error { get; init; }

    public string? Cause { get; init; }
}

internal sealed class StateEnteredDetails
{
    public required string Name { get; init; }

    public string? Input { get; init; }
}

internal sealed class StateExitedDetails
{
    public required string Name { get; init; }

    public string? Output { get; init; }
}

internal sealed class TaskScheduledDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public required string Region { get; init; }

    public required string Parameters { get; init; }

    public long? TimeoutInSeconds { get; init; }

    public long? HeartbeatInSeconds { get; init; }
}

internal sealed class TaskDetails
{
    public required string ResourceType { get; init; }

    public required string Resource { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}

internal sealed class ErrorOutput
{
    [JsonPropertyName("__type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
