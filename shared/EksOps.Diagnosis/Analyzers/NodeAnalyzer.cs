using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Internal;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>Nodes (k8sgpt's node analyzer): Ready not True, pressure conditions, the taints the node controller adds for them, and the kubelet's eviction events.</summary>
internal sealed class NodeAnalyzer : IAnalyzer
{
    public string Name => "nodes";

    public IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        foreach (var node in snapshot.OfKind("Node"))
        {
            var taints = string.Join(", ", JsonFields.Objects(node.Object, "spec", "taints").Select(t => $"{JsonFields.Str(t, "key")}:{JsonFields.Str(t, "effect")}"));
            foreach (var condition in JsonFields.Objects(node.Object, "status", "conditions"))
            {
                var type = JsonFields.Str(condition, "type");
                var status = JsonFields.Str(condition, "status");
                var since = JsonFields.Str(condition, "lastTransitionTime");
                if (type == "Ready" && status != "True")
                {
                    yield return Found.Make(Name, FindingKind.NodeNotReady, node.Ref,
                        $"{node.Ref} is not Ready (Ready={status}, {JsonFields.Str(condition, "reason")}) since {since}{(taints.Length > 0 ? "; taints " + taints : string.Empty)}",
                        EvidenceOf(snapshot, node, "NodeNotReady"), ("since", since));
                }
                else if (type is "MemoryPressure" or "DiskPressure" or "PIDPressure" && status == "True")
                {
                    yield return Found.Make(Name, FindingKind.NodePressure, node.Ref,
                        $"{node.Ref} reports {type} ({JsonFields.Str(condition, "reason")}) since {since}{(taints.Length > 0 ? "; taints " + taints : string.Empty)}",
                        EvidenceOf(snapshot, node, "EvictionThresholdMet", "FreeDiskSpaceFailed", "ImageGCFailed", "NodeHasDiskPressure", "NodeHasInsufficientMemory"),
                        ("pressure", type));
                }
            }
        }

        foreach (var e in snapshot.Events.Where(e => e.Involved.Kind == "Node" && e.Reason == "EvictionThresholdMet" && snapshot.InWindow(e.LastSeen)))
        {
            if (snapshot.Get(e.Involved) is null)
            {
                yield return Found.Make(Name, FindingKind.NodePressure, new ObjectRef("Node", null, e.Involved.Name), $"{e.Involved}: {e.Message} (x{e.Count})", e.EvidenceId);
            }
        }
    }

    private static IEnumerable<string> EvidenceOf(ClusterSnapshot snapshot, ObservedObject node, params string[] reasons) =>
        snapshot.EventsFor(new ObjectRef("Node", null, node.Name)).Where(e => reasons.Contains(e.Reason)).Select(e => e.EvidenceId).Prepend(node.EvidenceId);
}
