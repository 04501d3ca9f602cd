using System.Text.Json.Nodes;
using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Tests;

/// <summary>Small hand-written Kubernetes objects and a snapshot to analyze them in.</summary>
internal static class Objects
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T10:02:00Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fills <c>@0@</c>, <c>@1@</c>… in a JSON template (raw interpolation cannot hold JSON's <c>}}}</c>).</summary>
    public static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace("@" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    public static ClusterSnapshot Snapshot(params string[] objects)
    {
        var snapshot = new ClusterSnapshot(Now, Now.AddMinutes(-5));
        var id = 0;
        foreach (var json in objects)
        {
            snapshot.Add(JsonNode.Parse(json)!.AsObject(), "E" + ++id);
        }

        return snapshot;
    }

    public static void Event(ClusterSnapshot snapshot, string kind, string ns, string name, string reason, string message, string type = "Warning", int count = 5, int minutesAgo = 1) =>
        snapshot.AddEvent(new ObservedEvent(type, reason, message, count, Now.AddMinutes(-minutesAgo - 10), Now.AddMinutes(-minutesAgo), new ObjectRef(kind, ns, name), "E99"));

    public static string Pod(string name, string containerStatus, string phase = "Running", string conditions = "[]", string ns = "shop", string owner = "checkout-6d6584985") => Fill("""
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "@0@", "namespace": "@1@", "labels": {"app": "checkout"},
          "ownerReferences": [{"kind": "ReplicaSet", "name": "@2@", "controller": true}]},
         "spec": {"nodeName": "node-a", "containers": [{"name": "app", "resources": {"limits": {"memory": "512Mi"}}}]},
         "status": {"phase": "@3@", "conditions": @4@, "containerStatuses": [@5@]}}
        """, name, ns, owner, phase, conditions, containerStatus);

    public static string Running(int restarts = 0, bool ready = true, string? last = null) =>
        Fill("""{"name": "app", "ready": @0@, "restartCount": @1@, "state": {"running": {"startedAt": "2026-11-20T09:00:00Z"}}@2@}""", ready ? "true" : "false", restarts, LastState(last));

    public static string Waiting(string reason, string message, int restarts = 0, string? last = null) =>
        Fill("""{"name": "app", "ready": false, "restartCount": @0@, "state": {"waiting": {"reason": "@1@", "message": "@2@"}}@3@}""", restarts, reason, message, LastState(last));

    public static string Terminated(string reason, int exitCode, string finishedAt = "2026-11-20T10:00:11Z") =>
        Fill("""{"reason": "@0@", "exitCode": @1@, "startedAt": "2026-11-20T09:58:00Z", "finishedAt": "@2@"}""", reason, exitCode, finishedAt);

    private static string LastState(string? terminated) => terminated is null ? string.Empty : ", \"lastState\": {\"terminated\": " + terminated + "}";
}
