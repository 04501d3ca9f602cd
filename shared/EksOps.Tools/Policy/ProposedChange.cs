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

    /// <summary>
    /// Reads a change back from its JSON (<see cref="ToJson"/>, the <c>change</c> of a write envelope), as the approval
    /// step does before it issues a token, and checks it against the <c>patchHash</c> it carries.
    /// </summary>
    /// <param name="json">The change's JSON.</param>
    /// <returns>The change.</returns>
    /// <exception cref="FormatException">A member is missing or malformed, or the patch does not hash to <c>patchHash</c> (it was altered, e.g. redacted).</exception>
    public static ProposedChange FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            string effect = (string?)json["effect"] ?? throw new FormatException("the change has no effect");
            var change = new ProposedChange
            {
                Cluster = (string?)json["cluster"] ?? throw new FormatException("the change has no cluster"),
                Namespace = (string?)json["namespace"],
                Target = (string?)json["target"] ?? throw new FormatException("the change has no target"),
                Runbook = json["runbook"] is JsonNode runbook ? Runbooks.Parse((string)runbook!) : null,
                Effect = effect switch
                {
                    "no-action" => RunbookEffect.NoAction,
                    "read-only" => RunbookEffect.ReadOnly,
                    "write" => RunbookEffect.Write,
                    _ => throw new FormatException($"the change's effect '{effect}' is not no-action, read-only or write"),
                },
                Patch = (json["patch"] as JsonObject ?? throw new FormatException("the change has no patch object")).DeepClone().AsObject(),
                Summary = (string?)json["summary"] ?? throw new FormatException("the change has no summary"),
            };
            if (json["patchHash"] is JsonNode hash && (string?)hash != change.PatchHash)
            {
                throw new FormatException("the change's patch does not hash to its patchHash: it was altered after planning");
            }

            return change;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"the change is malformed: {e.Message}", e);
        }
    }
}
