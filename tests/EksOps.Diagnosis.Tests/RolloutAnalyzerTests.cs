using EksOps.Diagnosis.Analyzers;
using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Tests;

public sealed class RolloutAnalyzerTests
{
    private const string Deployment = """{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"replicas": 4}}""";

    private static string ReplicaSet(string name, int revision, int replicas, int ready, string created) => Objects.Fill("""
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "@0@", "namespace": "shop", "creationTimestamp": "@1@",
          "annotations": {"deployment.kubernetes.io/revision": "@2@"}, "ownerReferences": [{"kind": "Deployment", "name": "web", "controller": true}]},
         "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "web:@3@"}]}}},
         "status": {"replicas": @4@, "readyReplicas": @5@}}
        """, name, created, revision, revision, replicas, ready);

    [Fact]
    public void New_revision_failing_while_the_previous_still_serves_is_a_regression()
    {
        var snapshot = Objects.Snapshot(Deployment, ReplicaSet("web-new", 9, 2, 0, "2026-11-20T09:20:00Z"), ReplicaSet("web-old", 8, 3, 3, "2026-11-01T00:00:00Z"));
        var finding = Assert.Single(new RolloutAnalyzer().Analyze(snapshot));
        Assert.Equal(("web-new", "web-old"), (finding.Details["newReplicaSet"], finding.Details["previousReplicaSet"]));
    }

    [Fact]
    public void Previous_revision_that_was_failing_too_is_no_regression()
    {
        var snapshot = Objects.Snapshot(Deployment, ReplicaSet("web-new", 9, 2, 0, "2026-11-20T09:50:00Z"), ReplicaSet("web-old", 8, 0, 0, "2026-11-01T00:00:00Z"));
        Objects.Event(snapshot, "Pod", "shop", "web-old-abcde", "BackOff", "Back-off restarting failed container app", minutesAgo: 20);
        Assert.Empty(new RolloutAnalyzer().Analyze(snapshot));
    }

    [Fact]
    public void Revision_rolled_out_long_before_the_incident_is_no_regression()
    {
        var snapshot = Objects.Snapshot(Deployment, ReplicaSet("web-new", 9, 3, 2, "2026-11-12T03:14:00Z"), ReplicaSet("web-old", 8, 0, 0, "2026-10-29T09:47:00Z"));
        Assert.Empty(new RolloutAnalyzer().Analyze(snapshot));
    }

    [Fact]
    public void Healthy_new_revision_is_no_regression()
    {
        var snapshot = Objects.Snapshot(Deployment, ReplicaSet("web-new", 9, 3, 3, "2026-11-20T09:50:00Z"), ReplicaSet("web-old", 8, 0, 0, "2026-11-01T00:00:00Z"));
        Assert.Empty(new RolloutAnalyzer().Analyze(snapshot));
    }
}
