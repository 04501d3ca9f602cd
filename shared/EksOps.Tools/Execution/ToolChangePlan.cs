using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>A write tool's plan: the exact change and a preview of its effect (the dry run's answer).</summary>
/// <param name="Change">The exact change; what the policy decides on and approval tokens bind to.</param>
/// <param name="Preview">What the dry run returned (for example the object as it would be), shown to the model and approvers.</param>
public sealed record ToolChangePlan(ProposedChange Change, JsonObject Preview);
