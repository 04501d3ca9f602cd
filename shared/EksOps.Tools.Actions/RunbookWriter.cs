using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions;

/// <summary>Sends a runbook patch (see <see cref="RunbookPatch"/>) to its target, as a server-side dry run or for real.</summary>
internal sealed class RunbookWriter(KubernetesApi api, RunbookTargetKind kind, string? ns, string name)
{
    private string Describe => kind.Kind + " " + (ns is null ? name : ns + "/" + name);

    /// <summary>PATCHes the target with the patch's strategic merge or JSON patch; returns the request line, media type and the object as answered.</summary>
    public async Task<(string Request, string MediaType, JsonObject Answer)> PatchAsync(JsonObject patch, bool dryRun)
    {
        var (mediaType, body) = patch[RunbookPatch.Json] is JsonArray operations
            ? (RunbookPatch.JsonPatchMediaType, JsonText.Write(operations))
            : (RunbookPatch.StrategicMergeMediaType, JsonText.Write(patch[RunbookPatch.StrategicMerge]));
        string path = kind.PathOf(ns, name) + (dryRun ? "?dryRun=All" : string.Empty);
        var answer = await api.WriteAsync(HttpMethod.Patch, path, mediaType, body, (dryRun ? "the dry run of the patch of " : "the patch of ") + Describe).ConfigureAwait(false);
        return ("PATCH " + path, mediaType, answer);
    }

    /// <summary>DELETEs the target with the given <c>DeleteOptions</c> fields (preconditions).</summary>
    public async Task<(string Request, JsonObject Answer)> DeleteAsync(JsonObject options, bool dryRun)
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "DeleteOptions" };
        foreach (var (key, value) in options)
        {
            body[key] = value?.DeepClone();
        }

        string path = kind.PathOf(ns, name) + (dryRun ? "?dryRun=All" : string.Empty);
        var answer = await api.WriteAsync(HttpMethod.Delete, path, "application/json", JsonText.Write(body), (dryRun ? "the dry run of deleting " : "deleting ") + Describe).ConfigureAwait(false);
        return ("DELETE " + path, answer);
    }

    /// <summary>
    /// Evicts one pod of a drain (<c>policy/v1 Eviction</c>, with its planned uid as precondition) and reports
    /// <c>{pod, result, message?}</c>: <c>evicted</c>, <c>gone</c> (deleted meanwhile), <c>blocked</c> (a
    /// PodDisruptionBudget refused it), <c>replaced</c> (another pod has the name now) or <c>failed</c>.
    /// </summary>
    public async Task<JsonObject> EvictAsync(JsonObject eviction, bool dryRun)
    {
        string podNamespace = (string?)eviction["namespace"] ?? string.Empty;
        string podName = (string?)eviction["name"] ?? string.Empty;
        var deleteOptions = new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = eviction["uid"]?.DeepClone() } };
        if (dryRun)
        {
            deleteOptions["dryRun"] = new JsonArray("All");
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = podName, ["namespace"] = podNamespace },
            ["deleteOptions"] = deleteOptions,
        };
        var outcome = new JsonObject { ["pod"] = podNamespace + "/" + podName };
        try
        {
            await api.WriteAsync(HttpMethod.Post, RunbookTargetKind.Pod.PathOf(podNamespace, podName) + "/eviction", "application/json", JsonText.Write(body), $"evicting pod {podNamespace}/{podName}").ConfigureAwait(false);
            outcome["result"] = "evicted";
        }
        catch (ToolException e) when (e.Code is "throttled" or "not_found" or "conflict" or "invalid_change" or "forbidden" or "upstream_error")
        {
            outcome["result"] = e.Code switch { "throttled" => "blocked", "not_found" => "gone", "conflict" => "replaced", _ => "failed" };
            outcome["message"] = e.Message;
        }

        return outcome;
    }
}
