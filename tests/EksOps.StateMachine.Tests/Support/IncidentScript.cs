using System.Collections.Concurrent;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// Scripted task results for <c>statemachine/incident.asl.json</c>, by step (the payload's <c>step</c>): a default
/// result per step (the plan's decision and the verification's outcome are chosen per script), with queued outcomes
/// taking precedence, and what the approver answers. Records every invocation's function and payload.
/// </summary>
public sealed class IncidentScript
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskOutcome>> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Function, JsonObject Payload)> _invocations = new();

    /// <summary>A script: Plan decides <paramref name="decision"/>, Verify finds <paramref name="verification"/>.</summary>
    public IncidentScript(string decision = "auto", string verification = "recovered")
    {
        Decision = decision;
        Verification = verification;
    }

    /// <summary>What Plan decides: auto, approve or escalate.</summary>
    public string Decision { get; }

    /// <summary>What Verify finds: recovered, pending or failed.</summary>
    public string Verification { get; }

    /// <summary>What the approver does once the approval request was made.</summary>
    public ApprovalAnswer Approval { get; init; } = ApprovalAnswer.Approve;

    /// <summary>Every invocation so far: the function and its payload.</summary>
    public IReadOnlyList<(string Function, JsonObject Payload)> Invocations => [.. _invocations];

    /// <summary>The task token of the last approval request.</summary>
    public string? ApprovalToken { get; private set; }

    /// <summary>Queues outcomes for a step, used before its default.</summary>
    public IncidentScript Then(string step, params TaskOutcome[] outcomes)
    {
        var queue = _queued.GetOrAdd(step, _ => new ConcurrentQueue<TaskOutcome>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(outcome);
        }

        return this;
    }

    /// <summary>What the invocation of <paramref name="function"/> with <paramref name="payloadJson"/> does.</summary>
    public TaskOutcome Next(string function, string payloadJson)
    {
        var payload = JsonNode.Parse(payloadJson)!.AsObject();
        _invocations.Enqueue((function, payload));
        var step = payload["step"]!.GetValue<string>();
        if (step == "request")
        {
            ApprovalToken = payload["taskToken"]!.GetValue<string>();
        }

        return _queued.TryGetValue(step, out var queue) && queue.TryDequeue(out var queued) ? queued : Default(step);
    }

    private TaskOutcome Default(string step) => step switch
    {
        "diagnose" => TaskOutcome.Return("""{"rootCause":"CrashLoopBackOff","confidence":0.9,"subject":{"namespace":"shop","name":"checkout"}}"""),
        "analyze" => TaskOutcome.Return("""{"rootCause":"CrashLoopBackOff","confidence":0.9,"runbook":"restart-deployment","decidedBy":"analyst"}"""),
        "plan" => TaskOutcome.Return($$"""{"decision":"{{Decision}}","reason":"policy","runbook":"restart-deployment","patchHash":"abc123"}"""),
        "request" => TaskOutcome.Return("""{"requested":true}"""),
        "apply" => TaskOutcome.Return("""{"applied":true,"alreadyApplied":false,"patchHash":"abc123"}"""),
        "verify" => TaskOutcome.Return($$"""{"outcome":"{{Verification}}","alarmState":"OK","reason":"checked"}"""),
        "rollback" => TaskOutcome.Return("""{"rolledBack":true,"reason":"inverse patch applied"}"""),
        "report" or "escalate" => TaskOutcome.Return($$"""{"status":"{{step}}ed","eventIds":["e-1"]}"""),
        _ => throw new InvalidOperationException($"The incident script has no step '{step}'."),
    };
}

/// <summary>What the approver does.</summary>
public enum ApprovalAnswer
{
    /// <summary><c>SendTaskSuccess</c> with <c>{"approved": true, "approver": "oncall"}</c>.</summary>
    Approve,

    /// <summary><c>SendTaskFailure</c> with <c>ApprovalDenied</c>.</summary>
    Deny,

    /// <summary>Nothing: the approval times out.</summary>
    None,
}
