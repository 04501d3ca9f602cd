using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>
/// The exact change a write tool's plan (server-side dry run) would make: what the policy decides on and what an
/// approval token is bound to (cluster, namespace, target, runbook and the hash of the canonical patch).
/// </summary>
public sealed record ProposedChange
{
    /// <summary>The cluster the change is for.</summary>
    public required string Cluster { get; init; }

    /// <summary>The namespace of the target; <see langword="null"/> for cluster-scoped targets (nodes) and changes outside Kubernetes.</summary>
    public string? Namespace { get; init; }

    /// <summary>What is changed, as <c>Kind/name</c> (<c>Deployment/checkout</c>, <c>Node/ip-10-0-1-7</c>), or <c>Incident/&lt;title&gt;</c> for records.</summary>
    public required string Target { get; init; }

    /// <summary>The runbook from the catalogue, when the change is one; <see langword="null"/> for other writes (which always need approval where any is required).</summary>
    public RunbookId? Runbook { get; init; }

    /// <summary>What the change does to the cluster: <see cref="RunbookEffect.NoAction"/> for records and escalations (never need approval).</summary>
    public required RunbookEffect Effect { get; init; }

    /// <summary>The exact change as JSON (for example <c>{"strategicMergePatch": {…}}</c> or <c>{"delete": {…}}</c>).</summary>
    public required JsonObject Patch { get; init; }

    /// <summary>One line for humans: what will change, from what to what.</summary>
    public required string Summary { get; init; }

    /// <summary>The hash of the canonical patch (<see cref="CanonicalJson.Sha256(JsonNode)"/>), to which an approval is bound.</summary>
    public string PatchHash => CanonicalJson.Sha256(Patch);

    /// <summary>The change as JSON, for results and approval requests.</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["cluster"] = Cluster,
            ["namespace"] = Namespace,
            ["target"] = Target,
            ["runbook"] = Runbook?.Id(),
            ["effect"] = Effect switch { RunbookEffect.NoAction => "no-action", RunbookEffect.ReadOnly => "read-only", _ => "write" },
            ["summary"] = Summary,
            ["patch"] = Patch.DeepClone(),
            ["patchHash"] = PatchHash,
        };
        foreach (string key in new[] { "namespace", "runbook" })
        {
            if (json[key] is null)
            {
                json.Remove(key);
            }
        }

        return json;
    }
}
