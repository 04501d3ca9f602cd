using EksOps.Diagnosis.Analyzers;

namespace EksOps.Diagnosis.Tests;

public sealed class ControllerAnalyzerTests
{
    private const string StalledDeployment = """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"replicas": 3},
         "status": {"readyReplicas": 1, "replicas": 3, "conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "ReplicaSet \"web-1\" has timed out progressing."}]}}
        """;

    private const string HealthyDeployment = """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "namespace": "shop"}, "spec": {"replicas": 2},
         "status": {"readyReplicas": 2, "replicas": 2, "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"}]}}
        """;

    [Fact]
    public void Unavailable_replicas_and_stalled_rollouts_are_found()
    {
        var findings = new WorkloadAnalyzer().Analyze(Objects.Snapshot(StalledDeployment, HealthyDeployment)).ToList();
        Assert.Equal([FindingKind.ReplicasUnavailable, FindingKind.ProgressDeadlineExceeded], findings.Select(f => f.Kind));
        Assert.All(findings, f => Assert.Equal("web", f.About.Name));
    }

    [Fact]
    public void Quota_refusals_are_quota_findings_and_other_failed_creates_are_not()
    {
        var snapshot = Objects.Snapshot("""
            {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "compute", "namespace": "analytics"},
             "status": {"hard": {"limits.memory": "16Gi", "pods": "20"}, "used": {"limits.memory": "15Gi", "pods": "9"}}}
            """);
        Objects.Event(snapshot, "ReplicaSet", "analytics", "api-7d8", "FailedCreate", "Error creating: pods \"api-7d8-x\" is forbidden: exceeded quota: compute, requested: limits.memory=2Gi");
        Objects.Event(snapshot, "ReplicaSet", "analytics", "worker-5f6", "FailedCreate", "Error creating: pods \"worker-5f6-y\" is forbidden: error looking up service account analytics/worker");
        var quota = new QuotaAnalyzer().Analyze(snapshot).ToList();
        Assert.Contains(quota, f => f.Details["source"] == "refusal" && f.About.Name == "api-7d8");
        Assert.Contains(quota, f => f.Details["source"] == "usage" && f.Details["resource"] == "limits.memory");
        Assert.DoesNotContain(quota, f => f.About.Name == "worker-5f6");
        Assert.Equal("worker-5f6", Assert.Single(new WorkloadAnalyzer().Analyze(snapshot)).About.Name);
    }

    [Fact]
    public void Pending_claims_are_found_and_bound_ones_are_not()
    {
        var snapshot = Objects.Snapshot(
            """{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data-kafka-3", "namespace": "streaming"}, "spec": {"storageClassName": "gp3"}, "status": {"phase": "Pending"}}""",
            """{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data-kafka-0", "namespace": "streaming"}, "spec": {"storageClassName": "gp3"}, "status": {"phase": "Bound"}}""");
        Objects.Event(snapshot, "PersistentVolumeClaim", "streaming", "data-kafka-3", "ProvisioningFailed", "failed to provision volume with StorageClass \"gp3\": AccessDenied");
        var finding = Assert.Single(new VolumeAnalyzer().Analyze(snapshot));
        Assert.Contains("AccessDenied", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_without_endpoints_names_the_mismatching_label()
    {
        var snapshot = Objects.Snapshot(
            """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "orders-api", "namespace": "orders"}, "spec": {"selector": {"app": "orders", "instance": "orders-api"}}}""",
            """{"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "orders-api", "namespace": "orders"}}""",
            """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "orders-api-5d-x", "namespace": "orders", "labels": {"app": "orders", "instance": "orders"}}, "status": {"phase": "Running"}}""");
        var findings = new ServiceAnalyzer().Analyze(snapshot).ToList();
        Assert.Equal([FindingKind.ServiceWithoutEndpoints, FindingKind.ServiceSelectorMismatch], findings.Select(f => f.Kind));
        Assert.Contains("instance=orders-api (pods have orders)", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_with_ready_endpoints_is_fine()
    {
        var snapshot = Objects.Snapshot(
            """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "cart", "namespace": "shop"}, "spec": {"selector": {"app": "cart"}}}""",
            """{"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "cart", "namespace": "shop"}, "subsets": [{"addresses": [{"ip": "10.0.0.1"}]}]}""");
        Assert.Empty(new ServiceAnalyzer().Analyze(snapshot));
    }

    [Fact]
    public void Nodes_not_ready_or_under_pressure_are_found_and_healthy_ones_are_not()
    {
        static string Node(string name, string ready, string disk) => Objects.Fill("""
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "@0@"}, "status": {"conditions": [
              {"type": "DiskPressure", "status": "@1@", "reason": "KubeletHasDiskPressure"}, {"type": "Ready", "status": "@2@", "reason": "NodeStatusUnknown"}]}}
            """, name, disk, ready);
        var findings = new NodeAnalyzer().Analyze(Objects.Snapshot(Node("a", "Unknown", "False"), Node("b", "True", "True"), Node("c", "True", "False"))).ToList();
        Assert.Equal([("a", FindingKind.NodeNotReady), ("b", FindingKind.NodePressure)], findings.Select(f => (f.About.Name, f.Kind)));
    }

    [Fact]
    public void Autoscaler_at_max_is_found_and_one_below_is_not()
    {
        static string Hpa(string name, int current) => Objects.Fill("""
            {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "@0@", "namespace": "web"},
             "spec": {"maxReplicas": 6, "scaleTargetRef": {"kind": "Deployment", "name": "@1@"}}, "status": {"currentReplicas": @2@, "desiredReplicas": @3@}}
            """, name, name, current, current);
        Assert.Equal("full", Assert.Single(new AutoscalerAnalyzer().Analyze(Objects.Snapshot(Hpa("full", 6), Hpa("room", 4)))).About.Name);
    }

    [Fact]
    public void Failed_jobs_are_found_and_complete_ones_are_not()
    {
        static string Job(string name, string type, string reason) => Objects.Fill("""
            {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "@0@", "namespace": "billing"}, "status": {"conditions": [{"type": "@1@", "status": "True", "reason": "@2@"}]}}
            """, name, type, reason);
        var finding = Assert.Single(new JobAnalyzer().Analyze(Objects.Snapshot(Job("export-2", "Failed", "BackoffLimitExceeded"), Job("export-1", "Complete", "CompletionsReached"))));
        Assert.Equal("BackoffLimitExceeded", finding.Details["reason"]);
    }

    [Fact]
    public void Cluster_dns_without_ready_replicas_is_found()
    {
        static string Dns(int ready) => Objects.Fill("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}}, "spec": {"replicas": 2}, "status": {"readyReplicas": @0@}}
            """, ready);
        Assert.Single(new ClusterDnsAnalyzer().Analyze(Objects.Snapshot(Dns(0))));
        Assert.Empty(new ClusterDnsAnalyzer().Analyze(Objects.Snapshot(Dns(2))));
    }
}
