using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers;

/// <summary>Short, model-facing summaries of Kubernetes objects in their JSON form.</summary>
internal static class KubernetesSummaries
{
    /// <summary>The controlling owner reference (or the first one).</summary>
    public static JsonObject? Controller(JsonNode obj)
    {
        var owners = obj["metadata"]?["ownerReferences"]?.AsArray();
        if (owners is null || owners.Count == 0)
        {
            return null;
        }

        return (owners.FirstOrDefault(o => (bool?)o?["controller"] == true) ?? owners[0])?.AsObject();
    }

    /// <summary>The per-pod status summary of <c>get_k8s_resource</c>.</summary>
    public static JsonObject PodStatus(JsonNode pod)
    {
        var status = pod["status"];
        var containers = new JsonArray();
        var restarts = 0L;
        foreach (var c in (status?["initContainerStatuses"]?.AsArray() ?? []).Concat(status?["containerStatuses"]?.AsArray() ?? []))
        {
            if (c is null)
            {
                continue;
            }

            var state = c["state"]?.AsObject();
            var stateName = state?.Select(p => p.Key).FirstOrDefault() ?? "unknown";
            var summary = new JsonObject
            {
                ["name"] = (string?)c["name"],
                ["ready"] = (bool?)c["ready"] ?? false,
                ["restartCount"] = Integer(c["restartCount"]),
                ["state"] = stateName,
            };
            if ((string?)state?[stateName]?["reason"] is { } reason)
            {
                summary["reason"] = reason;
            }

            if (c["lastState"]?["terminated"] is { } last)
            {
                if ((string?)last["reason"] is { } lastReason)
                {
                    summary["lastTerminationReason"] = lastReason;
                }

                if (last["exitCode"] is { } exit)
                {
                    summary["lastExitCode"] = Integer(exit);
                }
            }

            restarts += Integer(c["restartCount"]);
            containers.Add((JsonNode)summary);
        }

        var ready = status?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True") ?? false;
        var result = new JsonObject
        {
            ["phase"] = (string?)status?["phase"] ?? "Unknown",
            ["ready"] = ready,
            ["restarts"] = restarts,
        };
        if ((string?)status?["reason"] is { } podReason)
        {
            result["reason"] = podReason;
        }

        if ((string?)pod["spec"]?["nodeName"] is { } node)
        {
            result["nodeName"] = node;
        }

        result["containers"] = containers;
        return result;
    }

    /// <summary>The one-line status of <c>list_k8s_resources</c>.</summary>
    public static string? StatusLine(string kind, JsonNode obj)
    {
        var status = obj["status"];
        switch (kind)
        {
            case "Pod":
                var pod = PodStatus(obj);
                var statuses = pod["containers"]!.AsArray();
                var readyCount = statuses.Count(c => (bool?)c!["ready"] == true && (string?)c["state"] == "running");
                var text = string.Create(CultureInfo.InvariantCulture, $"{pod["phase"]} {readyCount}/{obj["spec"]?["containers"]?.AsArray().Count ?? 0} ready, {pod["restarts"]} restarts");
                var reasons = statuses
                    .Select(c => (string?)c!["reason"] ?? (string?)c["lastTerminationReason"])
                    .Where(r => r is not null)
                    .Distinct()
                    .ToList();
                return reasons.Count > 0 ? $"{text} ({string.Join(", ", reasons)})" : text;
            case "Deployment" or "StatefulSet" or "ReplicaSet":
                return string.Create(CultureInfo.InvariantCulture, $"{Integer(status?["readyReplicas"])}/{Integer(obj["spec"]?["replicas"])} ready, {Integer(status?["availableReplicas"])} available");
            case "DaemonSet":
                return string.Create(CultureInfo.InvariantCulture, $"{Integer(status?["numberReady"])}/{Integer(status?["desiredNumberScheduled"])} ready");
            case "Node":
                var readyCondition = status?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == "Ready");
                var nodeReady = (string?)readyCondition?["status"] == "True" ? "Ready" : "NotReady";
                return (bool?)obj["spec"]?["unschedulable"] == true ? nodeReady + ",SchedulingDisabled" : nodeReady;
            default:
                return (string?)status?["phase"];
        }
    }

    /// <summary>An integer JSON value, or 0.</summary>
    public static long Integer(JsonNode? value) =>
        value is null ? 0 : long.Parse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
}
