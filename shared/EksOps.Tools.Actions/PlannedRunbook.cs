using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions;

/// <summary>A runbook worked out against the target's current state, before the dry run.</summary>
/// <param name="Target">The target as read.</param>
/// <param name="Patch">The exact change (see <see cref="RunbookPatch"/>).</param>
/// <param name="Summary">One line for humans: what changes, from what to what.</param>
/// <param name="Details">What the preview shows besides the changed fields (the revision rolled back to, the pods a drain skips, …).</param>
internal sealed record PlannedRunbook(JsonObject Target, JsonObject Patch, string Summary, JsonObject Details);
