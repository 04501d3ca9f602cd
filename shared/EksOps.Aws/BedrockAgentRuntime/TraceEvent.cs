using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// A <c>trace</c> event (sent when <see cref="InvokeAgentRequest.EnableTrace"/> is on): the raw JSON, kept whole for
/// logs and audits, the envelope's fields, which trace it is, and the model tokens it reports. Tokens are taken only
/// from <c>trace.{preProcessingTrace|orchestrationTrace|postProcessingTrace|routingClassifierTrace}.modelInvocationOutput.metadata.usage</c>,
/// so that nothing is counted twice.
/// </summary>
public sealed class TraceEvent : InvokeAgentEvent
{
    private static readonly string[] UsageTraces = ["preProcessingTrace", "orchestrationTrace", "postProcessingTrace", "routingClassifierTrace"];

    private TraceEvent(string json) => Json = json;

    /// <inheritdoc/>
    public override string EventType => "trace";

    /// <summary>The event's payload (a <c>TracePart</c>) as sent.</summary>
    public string Json { get; }

    /// <summary>The agent that produced the trace.</summary>
    public string? AgentId { get; private init; }

    /// <summary>The agent alias.</summary>
    public string? AgentAliasId { get; private init; }

    /// <summary>The agent version, e.g. <c>DRAFT</c>.</summary>
    public string? AgentVersion { get; private init; }

    /// <summary>The session.</summary>
    public string? SessionId { get; private init; }

    /// <summary>When the event happened, if the service said.</summary>
    public DateTimeOffset? EventTime { get; private init; }

    /// <summary>The collaborator that produced it, in multi-agent setups.</summary>
    public string? CollaboratorName { get; private init; }

    /// <summary>The <c>agentAliasArn</c>s of the caller chain, outermost first (multi-agent setups).</summary>
    public IReadOnlyList<string> CallerChain { get; private init; } = [];

    /// <summary>Which trace this is: <c>orchestrationTrace</c>, <c>preProcessingTrace</c>, <c>postProcessingTrace</c>, <c>routingClassifierTrace</c>, <c>customOrchestrationTrace</c>, <c>guardrailTrace</c> or <c>failureTrace</c>.</summary>
    public string? TraceType { get; private init; }

    /// <summary>Which step of that trace, for the step-union traces: <c>rationale</c>, <c>invocationInput</c>, <c>observation</c>, <c>modelInvocationInput</c>, <c>modelInvocationOutput</c>.</summary>
    public string? TraceStep { get; private init; }

    /// <summary>The tokens this trace reports; zero for traces without a model invocation output.</summary>
    public TokenUsage Usage { get; private init; }

    /// <summary>Reads a <c>trace</c> payload.</summary>
    /// <exception cref="JsonException">The payload is not a JSON object.</exception>
    internal static TraceEvent Parse(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"a trace payload must be a JSON object, not {root.ValueKind}");
        }

        string? traceType = null;
        string? traceStep = null;
        var usage = TokenUsage.None;
        if (root.TryGetProperty("trace", out var trace) && trace.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in trace.EnumerateObject())
            {
                traceType = member.Name;
                if (member.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var step in member.Value.EnumerateObject())
                    {
                        traceStep ??= step.Value.ValueKind == JsonValueKind.Object ? step.Name : null;
                    }

                    if (Array.IndexOf(UsageTraces, member.Name) >= 0)
                    {
                        usage += UsageOf(member.Value);
                    }
                }

                break;
            }
        }

        var callers = new List<string>();
        if (root.TryGetProperty("callerChain", out var chain) && chain.ValueKind == JsonValueKind.Array)
        {
            foreach (var caller in chain.EnumerateArray())
            {
                if (String(caller, "agentAliasArn") is { } arn)
                {
                    callers.Add(arn);
                }
            }
        }

        return new TraceEvent(Encoding.UTF8.GetString(payload.Span))
        {
            AgentId = String(root, "agentId"),
            AgentAliasId = String(root, "agentAliasId"),
            AgentVersion = String(root, "agentVersion"),
            SessionId = String(root, "sessionId"),
            EventTime = DateTimeOffset.TryParse(String(root, "eventTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null,
            CollaboratorName = String(root, "collaboratorName"),
            CallerChain = callers,
            TraceType = traceType,
            TraceStep = traceStep,
            Usage = usage,
        };
    }

    private static TokenUsage UsageOf(JsonElement traceBody)
    {
        if (traceBody.TryGetProperty("modelInvocationOutput", out var output) && output.ValueKind == JsonValueKind.Object
            && output.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            return new TokenUsage(Number(usage, "inputTokens"), Number(usage, "outputTokens"));
        }

        return TokenUsage.None;
    }

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0 ? number : 0;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
