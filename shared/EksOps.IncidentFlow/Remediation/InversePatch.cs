using System.Text.Json.Nodes;
using EksOps.IncidentFlow.Internal;
using EksOps.Incidents;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>
/// The patch that undoes a runbook's change, built from the target as it was right before the change, or why there is
/// none. Undone: <c>increase-memory-limit</c>, <c>increase-cpu-limit</c>, <c>scale-deployment</c>, <c>raise-hpa-max</c>
/// and <c>cordon-node</c> (each field the patch set back to its old value, or removed where it was absent) and
/// <c>rollback-deployment</c> (rolled forward to the pod template before the rollback). Not undone:
/// <c>restart-rollout</c> (the pods were already replaced; a restart back restarts again), <c>delete-pod</c> (the pod
/// is gone; its controller made a new one), <c>drain-node</c> (evicted pods run elsewhere now; a human uncordons the
/// node when it is healthy), <c>escalate</c> (changed nothing).
/// </summary>
internal static class InversePatch
{
    public static (JsonObject? Patch, string Reason) Of(ProposedChange change, JsonObject? before)
    {
        switch (change.Runbook)
        {
            case RunbookId.RestartRollout:
                return (null, "a rollout restart cannot be undone: the pods were already replaced, and restarting again would replace them again");
            case RunbookId.DeletePod:
                return (null, "a deleted pod cannot be brought back; its controller replaced it");
            case RunbookId.DrainNode:
                return (null, "a drain cannot be undone: the evicted pods run elsewhere now; uncordon the node by hand once it is healthy");
            case RunbookId.Escalate or null:
                return (null, "nothing was changed in the cluster");
        }

        if (before is null)
        {
            return (null, "the target could not be read in full before the change, so its old values are unknown");
        }

        if (change.Runbook == RunbookId.RollbackDeployment)
        {
            return Node.Obj(before, "spec", "template") is { } template
                ? (new JsonObject { ["jsonPatch"] = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template.DeepClone() }) },
                    "roll forward to the pod template the Deployment had before the rollback")
                : (null, "the Deployment had no pod template to restore");
        }

        return change.Patch["strategicMergePatch"] is JsonObject forward
            ? (new JsonObject { ["strategicMergePatch"] = Invert(forward, before) }, "set every field the change set back to its value before the change")
            : (null, "the change is not a strategic merge patch, so it has no field-by-field inverse");
    }

    /// <summary>The forward patch's shape with each leaf replaced by the old value (JSON null, which a strategic merge patch deletes, where there was none).</summary>
    private static JsonObject Invert(JsonObject forward, JsonNode? before)
    {
        var inverse = new JsonObject();
        foreach (var (key, value) in forward)
        {
            var old = (before as JsonObject)?[key];
            switch (value)
            {
                case JsonObject child:
                    inverse[key] = Invert(child, old);
                    break;
                case JsonArray items:
                    var list = new JsonArray();
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        string? name = Node.Str(item, "name");
                        var oldItem = (old as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(i => Node.Str(i, "name") == name);
                        var rest = (JsonObject)item.DeepClone();
                        rest.Remove("name");
                        var inverted = new JsonObject { ["name"] = name };
                        foreach (var (k, v) in Invert(rest, oldItem))
                        {
                            inverted[k] = v?.DeepClone();
                        }

                        list.Add((JsonNode)inverted);
                    }

                    inverse[key] = list;
                    break;
                default:
                    inverse[key] = old?.DeepClone();
                    break;
            }
        }

        return inverse;
    }
}
