namespace EksOps.Aws.StepFunctions;

/// <summary>An execution to start.</summary>
public sealed record StartExecutionRequest
{
    /// <summary>The state machine (or a version or alias of it) to run.</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>
    /// The execution name: 1–80 characters of <c>[0-9A-Za-z_-]</c> (<see cref="ExecutionNames"/> makes one from any
    /// text). It is what makes a start idempotent, so give a name derived from what triggered the execution (for
    /// example the alarm and its state-change time). Null lets Step Functions pick a UUID, which is never idempotent.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The input, a JSON text of at most 262,144 UTF-8 bytes. Default <c>{}</c>.</summary>
    public string Input { get; init; } = "{}";

    /// <summary>The X-Ray trace header to pass on (at most 256 ASCII characters), e.g. the Lambda's <c>_X_AMZN_TRACE_ID</c>.</summary>
    public string? TraceHeader { get; init; }
}
