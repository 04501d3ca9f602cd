namespace EksOps.IncidentFlow;

/// <summary>One field a change sets: its value before and after (strings as they are, other values as JSON).</summary>
/// <param name="Field">The field, for example <c>spec.template.spec.containers[app].resources.limits.memory</c>.</param>
/// <param name="Before">The value before, <c>(none)</c> when absent.</param>
/// <param name="After">The value after, <c>(none)</c> when absent.</param>
public sealed record ReportFieldChange(string Field, string Before, string After);
