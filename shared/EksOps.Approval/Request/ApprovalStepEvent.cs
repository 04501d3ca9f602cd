using System.Text.Json;
using EksOps.Aws.StepFunctions;

namespace EksOps.Approval;

/// <summary>
/// The state machine's <c>request</c> step payload (<c>RequestApproval</c>, <c>.waitForTaskToken</c>):
/// <c>{"step": "request", "incidentId": …, "taskToken": …, "timeoutSeconds": …}</c>, optionally with <c>approvalUrl</c>.
/// </summary>
public sealed record ApprovalStepEvent
{
    /// <summary>The only step this function handles.</summary>
    public const string RequestStep = "request";

    /// <summary>The longest a Step Functions task can wait: a Standard execution lives at most a year.</summary>
    public const int MaxTimeoutSeconds = 366 * 24 * 3600;

    /// <summary>The incident (its execution name).</summary>
    public required string IncidentId { get; init; }

    /// <summary>The waiting task's token (<c>$$.Task.Token</c>); kept in the store, never put in a link.</summary>
    public required string TaskToken { get; init; }

    /// <summary>How long the task waits (<c>$.settings.approvalTimeoutSeconds</c>); links expire with it.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>
    /// The approval Function URL, when the state machine passes it (<c>approvalUrl</c>, optional): links are built on it
    /// unless <c>EKSOPS_APPROVAL_URL</c> is set.
    /// </summary>
    public Uri? ApprovalUrl { get; init; }

    /// <summary>Reads and checks a step payload.</summary>
    /// <param name="payload">The event.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ApprovalEventException">A field is missing or malformed, or the step is not <c>request</c>; the message says which.</exception>
    public static ApprovalStepEvent Parse(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ApprovalEventException("A step event is a JSON object: {\"step\": \"request\", \"incidentId\", \"taskToken\", \"timeoutSeconds\"}.");
        }

        string step = Text(payload, "step");
        if (step != RequestStep)
        {
            throw new ApprovalEventException($"The approval function handles the step \"{RequestStep}\" only, not \"{step}\".");
        }

        string incidentId = Text(payload, "incidentId");
        if (!ExecutionNames.IsValid(incidentId))
        {
            throw new ApprovalEventException("incidentId must be an execution name: 1-80 characters of 0-9, A-Z, a-z, '-' and '_'.");
        }

        string taskToken = Text(payload, "taskToken");
        if (taskToken.Length > 2048)
        {
            throw new ApprovalEventException($"taskToken has {taskToken.Length} characters; Step Functions task tokens have at most 2048.");
        }

        if (!payload.TryGetProperty("timeoutSeconds", out var timeout) || timeout.ValueKind != JsonValueKind.Number
            || !timeout.TryGetInt32(out int seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds)
        {
            throw new ApprovalEventException($"timeoutSeconds must be a whole number of seconds from 1 to {MaxTimeoutSeconds} (the state machine passes $.settings.approvalTimeoutSeconds).");
        }

        Uri? approvalUrl = null;
        if (payload.TryGetProperty("approvalUrl", out var url) && url.ValueKind != JsonValueKind.Null)
        {
            approvalUrl = url.ValueKind == JsonValueKind.String && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var parsed)
                && parsed.Scheme is "https" or "http" && string.IsNullOrEmpty(parsed.Query)
                ? parsed
                : throw new ApprovalEventException("approvalUrl, when given, must be an absolute http(s) URL without a query (the approval Function URL).");
        }

        return new ApprovalStepEvent { IncidentId = incidentId, TaskToken = taskToken, TimeoutSeconds = seconds, ApprovalUrl = approvalUrl };
    }

    private static string Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ApprovalEventException($"The step event has no {name} (a non-empty string).");
}
