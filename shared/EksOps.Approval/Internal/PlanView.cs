using System.Text.Json.Nodes;
using EksOps.IncidentStore;
using EksOps.Tools;

namespace EksOps.Approval.Internal;

/// <summary>The plan step's timeline entry, read: <c>decision</c>, <c>reason</c>, <c>runbook</c>, <c>change</c>, <c>patchHash</c>, <c>preview</c>, <c>dryRun</c>.</summary>
internal sealed class PlanView
{
    public PlanView(TimelineEntry entry)
    {
        Entry = entry;
        var data = entry.Data;
        Decision = JsonRead.String(data, "decision");
        Reason = JsonRead.String(data, "reason");
        Runbook = JsonRead.String(data, "runbook");
        PatchHash = JsonRead.String(data, "patchHash");
        ChangeJson = data?["change"] as JsonObject;
        Preview = data?["preview"];
        DryRun = data?["dryRun"];
    }

    public TimelineEntry Entry { get; }

    public string? Decision { get; }

    public string? Reason { get; }

    public string? Runbook { get; }

    public string? PatchHash { get; }

    public JsonObject? ChangeJson { get; }

    public JsonNode? Preview { get; }

    public JsonNode? DryRun { get; }

    /// <summary>The planned change, checked against its own hash and the plan's <c>patchHash</c>.</summary>
    /// <exception cref="FormatException">There is no change, it is malformed, or the hashes disagree.</exception>
    public ProposedChange ReadChange()
    {
        var change = ProposedChange.FromJson(ChangeJson ?? throw new FormatException("the plan has no change"));
        if (PatchHash is not null && PatchHash != change.PatchHash)
        {
            throw new FormatException($"the plan's patchHash {PatchHash} is not the hash of its change ({change.PatchHash})");
        }

        return change;
    }
}
