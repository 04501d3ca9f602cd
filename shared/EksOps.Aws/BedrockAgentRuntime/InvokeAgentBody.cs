namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The JSON body of InvokeAgent: the request without its URI labels and header.</summary>
internal sealed class InvokeAgentBody
{
    public string? InputText { get; init; }

    public SessionState? SessionState { get; init; }

    public bool? EnableTrace { get; init; }

    public bool? EndSession { get; init; }

    public string? MemoryId { get; init; }

    public StreamingConfigurations? StreamingConfigurations { get; init; }

    public static InvokeAgentBody From(InvokeAgentRequest request) => new()
    {
        InputText = request.InputText,
        SessionState = request.SessionState,
        EnableTrace = request.EnableTrace,
        EndSession = request.EndSession,
        MemoryId = request.MemoryId,
        StreamingConfigurations = request.StreamingConfigurations,
    };
}
