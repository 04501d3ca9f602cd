namespace EksOps.Approval.Decisions;

/// <summary>How a decision request ended: the HTTP status, a stable code, and words for the person who asked.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Code">A stable code (<c>approved</c>, <c>denied</c>, <c>expired</c>, <c>already-decided</c>, <c>link-used</c>, …).</param>
/// <param name="Title">A heading.</param>
/// <param name="Message">One or two sentences: what happened and what to do next.</param>
internal sealed record DecisionOutcome(int StatusCode, string Code, string Title, string Message)
{
    public string? IncidentId { get; init; }

    public string? Approver { get; init; }

    public static DecisionOutcome BadRequest(string message) => new(400, "bad-request", "The request is malformed", message);

    public static DecisionOutcome NotFound(string incidentId) =>
        new(404, "not-found", "Unknown incident", $"Incident {incidentId} is not in the incident store.") { IncidentId = incidentId };
}
