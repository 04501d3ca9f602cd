using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Tools.Actions;

/// <summary>
/// Builds each runbook's exact patch from the target's current state. Everything here is a pure function of what the
/// API server returned and the arguments, so the same request against the same state always gives the same patch
/// (and so the same hash an approval is bound to).
/// </summary>
internal static class RunbookPlanner
{
    /// <summary>The pod-template annotation <c>kubectl rollout restart</c> sets; changing it rolls every pod.</summary>
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string PodTemplateHashLabel = "pod-template-hash";
    private const string MirrorPodAnnotation = "kubernetes.io/config.mirror";

    public static async Task<PlannedRunbook> PlanAsync(RunbookRequest request, KubernetesApi api)
    {
        var kind = request.Kind;
        var target = await api.GetAsync(kind.PathOf(request.Namespace, request.Name), request.Describe).ConfigureAwait(false)
            ?? throw new ToolException("not_found", $"{request.Describe} does not exist; check the kind, namespace and name (list_k8s_resources shows what exists)");
        return request.Runbook switch
        {
            RunbookId.RestartRollout => Restart(request, target),
            RunbookId.RollbackDeployment => await RollbackAsync(request, target, api).ConfigureAwait(false),
            RunbookId.ScaleDeployment => Scale(request, target),
            RunbookId.IncreaseMemoryLimit => RaiseLimit(request, target, "memory", "memoryLimit", RunbookBounds.MaxMemoryLimitBytes),
            RunbookId.IncreaseCpuLimit => RaiseLimit(request, target, "cpu", "cpuLimit", RunbookBounds.MaxCpuLimitCores),
            RunbookId.RaiseHpaMax => RaiseHpaMax(request, target),
            RunbookId.DeletePod => DeletePod(request, target),
            RunbookId.CordonNode => Cordon(request, target),
            RunbookId.DrainNode => await DrainAsync(request, target, api).ConfigureAwait(false),
            _ => throw new ToolException("unsupported_runbook", $"{request.Runbook.Id()} changes nothing in the cluster"),
        };
    }

    /// <summary>
    /// <c>kubectl rollout restart</c>'s patch. kubectl stamps the current time, which would give every plan a new
    /// patch and so void the approval of the plan a human saw. The value is <c>parameters.restartedAt</c> when given
    /// (an RFC 3339 time, e.g. the incident's), otherwise <c>eksops-</c> and 16 hex digits of the SHA-256 of the
    /// target's uid and its current pod template: the same until the template changes, and the restart itself changes
    /// it, so a second restart is a new change that needs its own approval.
    /// </summary>
    private static PlannedRunbook Restart(RunbookRequest request, JsonObject target)
    {
        var template = JsonText.At(target, "spec", "template") as JsonObject
            ?? throw new ToolException("invalid_target", $"{request.Describe} has no pod template");
        string value = request.OptionalString("restartedAt") is { } given
            ? DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : throw new ToolException("invalid_parameters", $"parameters.restartedAt must be an RFC 3339 time such as 2026-11-20T10:02:00Z (got {given})")
            : "eksops-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                (JsonText.Str(target, "metadata", "uid") ?? string.Empty) + "\n" + Encoding.UTF8.GetString(CanonicalJson.ToUtf8(template)))))[..16];
        if (JsonText.Str(template, "metadata", "annotations", RestartedAtAnnotation) == value)
        {
            throw new ToolException("no_change", $"{request.Describe} was already restarted with {RestartedAtAnnotation}={value}; give another parameters.restartedAt to restart it again");
        }

        var patch = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAtAnnotation] = value } } } } };
        return new PlannedRunbook(
            target,
            RunbookPatch.StrategicMergePatch(patch),
            $"rollout restart of {request.Describe}: set the pod template annotation {RestartedAtAnnotation} to {value}, which replaces every pod",
            []);
    }

    /// <summary>
    /// <c>kubectl rollout undo</c>: the pod template of the ReplicaSet holding the previous revision, without its
    /// <c>pod-template-hash</c> label, replaces the Deployment's template (a JSON patch, as kubectl sends it). Unlike
    /// kubectl the Deployment's annotations are left alone: kubectl overwrites them with the ReplicaSet's, which on a
    /// Helm-managed Deployment drops Helm's ownership annotations.
    /// </summary>
    private static async Task<PlannedRunbook> RollbackAsync(RunbookRequest request, JsonObject deployment, KubernetesApi api)
    {
        string revisionText = JsonText.Str(deployment, "metadata", "annotations", RevisionAnnotation)
            ?? throw new ToolException("no_previous_revision", $"{request.Describe} has no {RevisionAnnotation} annotation, so it has no revision history to roll back to");
        long current = long.Parse(revisionText, CultureInfo.InvariantCulture);
        string uid = JsonText.Str(deployment, "metadata", "uid") ?? string.Empty;
        var matchLabels = JsonText.At(deployment, "spec", "selector", "matchLabels") as JsonObject ?? [];
        string selector = string.Join(",", matchLabels.Select(p => p.Key + "=" + (string?)p.Value));
        var owned = (await api.ListAsync(
                RunbookTargetKind.ReplicaSet.PathOf(request.Namespace),
                selector.Length == 0 ? string.Empty : "labelSelector=" + Uri.EscapeDataString(selector),
                $"the ReplicaSets of {request.Describe}").ConfigureAwait(false))
            .Where(rs => (JsonText.At(rs, "metadata", "ownerReferences") as JsonArray ?? [])
                .OfType<JsonObject>().Any(o => (bool?)o["controller"] == true && (string?)o["uid"] == uid))
            .Select(rs => (ReplicaSet: rs, Revision: long.TryParse(JsonText.Str(rs, "metadata", "annotations", RevisionAnnotation), CultureInfo.InvariantCulture, out long r) ? r : -1))
            .ToList();
        var previous = owned.Where(o => o.Revision >= 0 && o.Revision < current).OrderByDescending(o => o.Revision).FirstOrDefault();
        if (previous.ReplicaSet is null)
        {
            string held = owned.Count == 0 ? "none" : string.Join(", ", owned.Select(o => o.Revision.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
            throw new ToolException("no_previous_revision", $"{request.Describe} is at revision {current} and has no earlier revision to roll back to (revisions held by its ReplicaSets: {held}); choose another runbook or escalate");
        }

        var template = (JsonText.At(previous.ReplicaSet, "spec", "template") as JsonObject)?.DeepClone() as JsonObject
            ?? throw new ToolException("invalid_target", $"ReplicaSet {JsonText.Str(previous.ReplicaSet, "metadata", "name")} has no pod template");
        (JsonText.At(template, "metadata", "labels") as JsonObject)?.Remove(PodTemplateHashLabel);
        var currentTemplate = (JsonText.At(deployment, "spec", "template") as JsonObject)?.DeepClone() as JsonObject ?? [];
        (JsonText.At(currentTemplate, "metadata", "labels") as JsonObject)?.Remove(PodTemplateHashLabel);
        string replicaSetName = JsonText.Str(previous.ReplicaSet, "metadata", "name")!;
        if (CanonicalJson.Sha256(template) == CanonicalJson.Sha256(currentTemplate))
        {
            throw new ToolException("no_change", $"{request.Describe}'s pod template already matches revision {previous.Revision} (ReplicaSet {replicaSetName}); nothing to roll back");
        }

        var images = ChangeReport.ImageChanges(currentTemplate, template);
        var patch = new JsonObject
        {
            [RunbookPatch.Json] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template }),
        };
        string what = images.Count == 0 ? "restores its pod template" : string.Join("; ", images.Select(c => $"{c.Container}: {c.Before ?? "(none)"} → {c.After ?? "(none)"}"));
        return new PlannedRunbook(
            deployment,
            patch,
            $"roll back {request.Describe} from revision {current} to revision {previous.Revision} (ReplicaSet {replicaSetName}): {what}",
            new JsonObject { ["fromRevision"] = current, ["toRevision"] = previous.Revision, ["replicaSet"] = replicaSetName });
    }

    private static PlannedRunbook Scale(RunbookRequest request, JsonObject target)
    {
        long replicas = request.OptionalInteger("replicas")
            ?? throw new ToolException("invalid_parameters", "scale-deployment needs parameters.replicas, the new replica count");
        long current = JsonText.Int(target, "spec", "replicas") ?? 1;
        long ceiling = Math.Min(RunbookBounds.MaxReplicas, Math.Max(current * 2, current + RunbookBounds.MaxReplicaIncrement));
        if (replicas < RunbookBounds.MinReplicas || replicas > ceiling)
        {
            throw new ToolException("out_of_bounds", $"parameters.replicas must be between {RunbookBounds.MinReplicas} and {ceiling} for {request.Describe}, which has {current} (at most double, or {RunbookBounds.MaxReplicaIncrement} more, and never above {RunbookBounds.MaxReplicas}); got {replicas}");
        }

        if (replicas == current)
        {
            throw new ToolException("no_change", $"{request.Describe} already has {current} replicas");
        }

        return new PlannedRunbook(
            target,
            RunbookPatch.StrategicMergePatch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }),
            $"scale {request.Describe} from {current} to {replicas} replicas",
            []);
    }

    /// <summary>
    /// Raises one container's limit of <paramref name="resource"/> to the given value or by
    /// <see cref="RunbookBounds.DefaultStepFactor"/>. A request equal to the limit (Guaranteed QoS) is raised with it so
    /// the pod keeps its QoS class; any other request stays.
    /// </summary>
    private static PlannedRunbook RaiseLimit(RunbookRequest request, JsonObject target, string resource, string parameter, decimal maximum)
    {
        bool memory = resource == "memory";
        var containers = (JsonText.At(target, "spec", "template", "spec", "containers") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var names = containers.Select(c => JsonText.Str(c, "name") ?? string.Empty).ToList();
        string containerName = request.Container
            ?? (names.Count == 1 ? names[0] : throw new ToolException("container_required", $"{request.Describe} has the containers {string.Join(", ", names)}; name one in target.container"));
        var container = containers.Find(c => JsonText.Str(c, "name") == containerName)
            ?? throw new ToolException("container_not_found", $"{request.Describe} has no container {containerName}; its containers are {string.Join(", ", names)}");
        string currentText = JsonText.Str(container, "resources", "limits", resource)
            ?? throw new ToolException("no_limit", $"container {containerName} of {request.Describe} has no {resource} limit, so there is none to raise");
        if (!Quantity.TryParse(currentText, out decimal current) || current <= 0m)
        {
            throw new ToolException("invalid_target", $"container {containerName} of {request.Describe} has an unreadable {resource} limit {currentText}");
        }

        string newText;
        decimal newValue;
        if (request.OptionalString(parameter) is { } given)
        {
            if (!Quantity.TryParse(given, out newValue))
            {
                throw new ToolException("invalid_parameters", $"parameters.{parameter} must be a Kubernetes quantity such as {(memory ? "1Gi or 768Mi" : "1500m or 2")} (got {given})");
            }

            newText = given;
        }
        else
        {
            newValue = memory ? Quantity.CeilingMi(current * RunbookBounds.DefaultStepFactor) : decimal.Ceiling(current * RunbookBounds.DefaultStepFactor * 1000m) / 1000m;
            newText = memory ? Quantity.FormatBytes(newValue) : Quantity.FormatCores(newValue);
        }

        decimal ceiling = Math.Min(maximum, current * RunbookBounds.MaxStepFactor);
        string ceilingText = memory ? Quantity.FormatBytes(decimal.Floor(ceiling)) : Quantity.FormatCores(decimal.Floor(ceiling * 1000m) / 1000m);
        if (newValue <= current || newValue > ceiling)
        {
            throw new ToolException("out_of_bounds", $"the new {resource} limit of container {containerName} must be above the current {currentText} and at most {ceilingText} (one step at most doubles it, up to {(memory ? Quantity.FormatBytes(maximum) : Quantity.FormatCores(maximum))}); got {newText}");
        }

        var resources = new JsonObject { ["limits"] = new JsonObject { [resource] = newText } };
        string? requestText = JsonText.Str(container, "resources", "requests", resource);
        bool raiseRequest = requestText is not null && Quantity.TryParse(requestText, out decimal requested) && requested == current;
        if (raiseRequest)
        {
            resources["requests"] = new JsonObject { [resource] = newText };
        }

        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = containerName, ["resources"] = resources }) },
                },
            },
        };
        return new PlannedRunbook(
            target,
            RunbookPatch.StrategicMergePatch(patch),
            $"raise the {resource} limit of container {containerName} in {request.Describe} from {currentText} to {newText}"
                + (raiseRequest ? $" (and its equal request with it, keeping the QoS class)" : string.Empty) + "; the pods are replaced",
            []);
    }

    private static PlannedRunbook RaiseHpaMax(RunbookRequest request, JsonObject hpa)
    {
        long current = JsonText.Int(hpa, "spec", "maxReplicas")
            ?? throw new ToolException("invalid_target", $"{request.Describe} has no spec.maxReplicas");
        long ceiling = Math.Min(RunbookBounds.MaxHpaReplicas, Math.Max(current + 1, (long)decimal.Floor(current * RunbookBounds.MaxStepFactor)));
        long wanted = request.OptionalInteger("maxReplicas")
            ?? Math.Min(ceiling, Math.Max(current + 1, (long)decimal.Ceiling(current * RunbookBounds.DefaultStepFactor)));
        if (wanted <= current || wanted > ceiling)
        {
            throw new ToolException("out_of_bounds", $"parameters.maxReplicas of {request.Describe} must be above the current {current} and at most {ceiling} (one step at most doubles it, up to {RunbookBounds.MaxHpaReplicas}); got {wanted}");
        }

        return new PlannedRunbook(
            hpa,
            RunbookPatch.StrategicMergePatch(new JsonObject { ["spec"] = new JsonObject { ["maxReplicas"] = wanted } }),
            $"raise maxReplicas of {request.Describe} from {current} to {wanted}",
            []);
    }

    private static PlannedRunbook DeletePod(RunbookRequest request, JsonObject pod)
    {
        if (JsonText.Str(pod, "metadata", "annotations", MirrorPodAnnotation) is not null)
        {
            throw new ToolException("static_pod", $"{request.Describe} is a static (mirror) pod; deleting it through the API does nothing, the kubelet owns it");
        }

        var owner = Controller(pod)
            ?? throw new ToolException("no_controller", $"{request.Describe} has no controller, so nothing would recreate it; escalate instead");
        if (JsonText.Str(pod, "metadata", "deletionTimestamp") is { } terminating)
        {
            throw new ToolException("no_change", $"{request.Describe} is already being deleted (since {terminating})");
        }

        string uid = JsonText.Str(pod, "metadata", "uid") ?? throw new ToolException("invalid_target", $"{request.Describe} has no uid");
        return new PlannedRunbook(
            pod,
            new JsonObject { [RunbookPatch.Delete] = new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = uid } } },
            $"delete {request.Describe} (uid {uid}) so its {owner} recreates it",
            new JsonObject { ["owner"] = owner, ["node"] = JsonText.Str(pod, "spec", "nodeName"), ["phase"] = JsonText.Str(pod, "status", "phase") });
    }

    private static PlannedRunbook Cordon(RunbookRequest request, JsonObject node)
    {
        if (JsonText.At(node, "spec", "unschedulable") is JsonValue flag && flag.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            throw new ToolException("no_change", $"{request.Describe} is already cordoned (spec.unschedulable is true)");
        }

        return new PlannedRunbook(
            node,
            RunbookPatch.StrategicMergePatch(Unschedulable()),
            $"cordon {request.Describe}: set spec.unschedulable to true so no new pods are scheduled there; running pods stay",
            []);
    }

    /// <summary>
    /// <c>kubectl drain</c> without <c>--force</c>: cordon, then evict every pod on the node except DaemonSet pods and
    /// static pods (their controllers would put them back) and pods already terminating. Pods without a controller (a
    /// drain would lose them for good) and pods with <c>emptyDir</c> data (unless <c>parameters.deleteEmptyDirData</c>)
    /// stop the plan, as they stop kubectl.
    /// </summary>
    private static async Task<PlannedRunbook> DrainAsync(RunbookRequest request, JsonObject node, KubernetesApi api)
    {
        bool deleteEmptyDirData = request.Flag("deleteEmptyDirData");
        var pods = await api.ListAsync(
            RunbookTargetKind.Pod.PathOf(null),
            "fieldSelector=" + Uri.EscapeDataString("spec.nodeName=" + request.Name),
            $"the pods on {request.Describe}").ConfigureAwait(false);
        var evictions = new List<JsonObject>();
        var skipped = new JsonArray();
        var unmanaged = new List<string>();
        var localData = new List<string>();
        foreach (var pod in pods.OrderBy(p => JsonText.Str(p, "metadata", "namespace"), StringComparer.Ordinal).ThenBy(p => JsonText.Str(p, "metadata", "name"), StringComparer.Ordinal))
        {
            string ns = JsonText.Str(pod, "metadata", "namespace")!;
            string name = JsonText.Str(pod, "metadata", "name")!;
            string id = ns + "/" + name;
            string? owner = Controller(pod);
            bool finished = JsonText.Str(pod, "status", "phase") is "Succeeded" or "Failed";
            string? skip = owner?.StartsWith("DaemonSet/", StringComparison.Ordinal) == true ? "DaemonSet pod"
                : JsonText.Str(pod, "metadata", "annotations", MirrorPodAnnotation) is not null ? "static pod"
                : JsonText.Str(pod, "metadata", "deletionTimestamp") is not null ? "already terminating"
                : null;
            if (skip is not null)
            {
                skipped.Add((JsonNode)new JsonObject { ["pod"] = id, ["reason"] = skip });
                continue;
            }

            if (owner is null && !finished)
            {
                unmanaged.Add(id);
            }

            bool hasEmptyDir = (JsonText.At(pod, "spec", "volumes") as JsonArray ?? []).OfType<JsonObject>().Any(v => v.ContainsKey("emptyDir"));
            if (hasEmptyDir && !finished && !deleteEmptyDirData)
            {
                localData.Add(id);
            }

            evictions.Add(new JsonObject { ["namespace"] = ns, ["name"] = name, ["uid"] = JsonText.Str(pod, "metadata", "uid") });
        }

        if (unmanaged.Count > 0 || localData.Count > 0)
        {
            var problems = new List<string>();
            if (unmanaged.Count > 0)
            {
                problems.Add($"pods without a controller would be lost for good: {string.Join(", ", unmanaged)} (delete them by hand or escalate)");
            }

            if (localData.Count > 0)
            {
                problems.Add($"pods with emptyDir data would lose it: {string.Join(", ", localData)} (set parameters.deleteEmptyDirData to true to evict them anyway)");
            }

            throw new ToolException("drain_blocked", $"{request.Describe} cannot be drained: {string.Join("; ", problems)}; cordon-node only stops new pods");
        }

        bool cordoned = JsonText.At(node, "spec", "unschedulable") is JsonValue flag && flag.GetValueKind() == System.Text.Json.JsonValueKind.True;
        if (cordoned && evictions.Count == 0)
        {
            throw new ToolException("no_change", $"{request.Describe} is already cordoned and has no pods to evict");
        }

        var patch = RunbookPatch.StrategicMergePatch(Unschedulable());
        patch[RunbookPatch.Evictions] = new JsonArray([.. evictions]);
        return new PlannedRunbook(
            node,
            patch,
            $"drain {request.Describe}: cordon it and evict {evictions.Count} pod(s) ({string.Join(", ", evictions.Select(e => (string?)e["namespace"] + "/" + (string?)e["name"]))}); DaemonSet and static pods stay",
            new JsonObject { ["skipped"] = skipped });
    }

    private static JsonObject Unschedulable() => new() { ["spec"] = new JsonObject { ["unschedulable"] = true } };

    /// <summary>The controller of an object as <c>Kind/name</c>, or <see langword="null"/>.</summary>
    private static string? Controller(JsonObject obj) =>
        (JsonText.At(obj, "metadata", "ownerReferences") as JsonArray ?? []).OfType<JsonObject>()
            .Where(o => (bool?)o["controller"] == true)
            .Select(o => (string?)o["kind"] + "/" + (string?)o["name"])
            .FirstOrDefault();
}
