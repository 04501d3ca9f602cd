using EksOps.Diagnosis.Analysis;
using EksOps.Diagnosis.Analyzers;
using EksOps.Diagnosis.Evidence;
using EksOps.Diagnosis.Resolution;
using EksOps.Incidents;

namespace EksOps.Diagnosis.Tests;

/// <summary>
/// Two rules about pods that look healthy: errors logged by steady containers are not crashes (a failing dependency
/// is), and pods whose Ready condition the node controller turned False point at their NotReady node.
/// </summary>
public sealed class HealthyPodRulesTests
{
    private static readonly ObjectRef Deployment = new("Deployment", "shop", "checkout");

    private const string JavaTimeout = """
        2026-11-20T10:00:01Z ERROR FeedPoller : refresh failed: I/O error on GET request for "https://rates.partner.example.com/v3/spot": Connect to rates.partner.example.com:443 failed: Connect timed out
        org.springframework.web.client.ResourceAccessException: I/O error on GET request for "https://rates.partner.example.com/v3/spot": Connect timed out
        	at org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:906)
        	at com.example.feed.PartnerClient.spot(PartnerClient.java:88)
        Caused by: org.apache.hc.client5.http.ConnectTimeoutException: Connect to rates.partner.example.com:443 failed: Connect timed out
        2026-11-20T10:00:05Z ERROR FeedPoller : refresh failed: I/O error on GET request for "https://rates.partner.example.com/v3/spot": Connect to rates.partner.example.com:443 failed: Connect timed out
        2026-11-20T10:00:09Z ERROR FeedPoller : refresh failed: I/O error on GET request for "https://rates.partner.example.com/v3/spot": Connect to rates.partner.example.com:443 failed: Connect timed out
        2026-11-20T10:00:10Z WARN  QuoteController : CircuitBreaker 'partnerFeed' is OPEN and does not permit further calls -> 503
        """;

    private static List<Finding> Analyze(ClusterSnapshot snapshot, string log, bool previous = false)
    {
        snapshot.AddLog(new ObservedLog("shop", "checkout-6d6584985-a", "app", previous, log, "E50"));
        return Number([.. new LogAnalyzer().Analyze(snapshot)]);
    }

    private static List<Finding> Number(List<Finding> findings) =>
        [.. findings.Select((f, i) => f with { Id = "F" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })];

    private static InvestigationScope Scope(params ObjectRef[] related)
    {
        var scope = new InvestigationScope(Deployment) { Primary = Deployment };
        scope.Relate(new ObjectRef("ReplicaSet", "shop", "checkout-6d6584985"));
        foreach (var reference in related)
        {
            scope.Relate(reference);
        }

        return scope;
    }

    [Fact]
    public void Connect_timeouts_of_a_java_client_are_failed_connections()
    {
        var findings = Analyze(Objects.Snapshot(), JavaTimeout);
        var connection = Assert.Single(findings, f => f.Kind == FindingKind.LogConnectionFailure);
        Assert.Equal("rates.partner.example.com", connection.Details["host"]);
    }

    [Fact]
    public void A_stack_trace_in_a_steady_containers_log_is_not_a_crash()
    {
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running()));
        Assert.DoesNotContain(Analyze(snapshot, JavaTimeout), f => f.Kind == FindingKind.LogCrash);
    }

    [Fact]
    public void A_listed_pod_running_ready_without_restarts_is_steady_too()
    {
        var snapshot = Objects.Snapshot();
        snapshot.AddListed([new ListedItem("Pod", "shop", "checkout-6d6584985-a", "Running 1/1 0 restarts", null, new Dictionary<string, string>(), "ReplicaSet/checkout-6d6584985", "E2")]);
        Assert.DoesNotContain(Analyze(snapshot, JavaTimeout), f => f.Kind == FindingKind.LogCrash);
    }

    [Theory]
    [InlineData(2, true)]    // it restarted
    [InlineData(0, false)]   // it is not ready
    public void A_stack_trace_of_a_restarting_or_unready_container_stays_a_crash(int restarts, bool ready)
    {
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running(restarts, ready)));
        Assert.Contains(Analyze(snapshot, JavaTimeout), f => f.Kind == FindingKind.LogCrash);
    }

    [Fact]
    public void A_previous_log_or_an_unknown_pod_stays_a_crash()
    {
        Assert.Contains(Analyze(Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running())), JavaTimeout, previous: true), f => f.Kind == FindingKind.LogCrash);
        Assert.Contains(Analyze(Objects.Snapshot(), JavaTimeout), f => f.Kind == FindingKind.LogCrash);
    }

    [Fact]
    public void Repeated_timeouts_to_one_host_from_steady_pods_rank_dependency_unavailable()
    {
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running()));
        var findings = Analyze(snapshot, JavaTimeout);
        var top = new Analyst(Scope(new ObjectRef("Pod", "shop", "checkout-6d6584985-a")), findings).Rank()[0];
        Assert.Equal(RootCause.DependencyUnavailable, top.RootCause);
        Assert.Equal(Deployment, top.Subject);
        Assert.Contains("rates.partner.example.com", top.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_from_crashing_pods_do_not_rank_dependency_unavailable()
    {
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a",
            Objects.Waiting("CrashLoopBackOff", "back-off 5m0s", restarts: 7, last: Objects.Terminated("Error", 1))));
        var findings = Number([.. new PodStatusAnalyzer().Analyze(snapshot), .. Analyze(snapshot, JavaTimeout, previous: true)]);
        var ranked = new Analyst(Scope(new ObjectRef("Pod", "shop", "checkout-6d6584985-a")), findings).Rank();
        Assert.Equal(RootCause.AppCrash, ranked[0].RootCause);
        Assert.DoesNotContain(ranked, h => h.RootCause == RootCause.DependencyUnavailable);
    }

    // ---- pods on a NotReady node ------------------------------------------------------------------------------------

    private const string NotReadyCondition = """[{"type": "Ready", "status": "False"}, {"type": "ContainersReady", "status": "True"}]""";

    private static string Node(string name, string ready) => Objects.Fill("""
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "@0@"},
         "spec": {"taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"}]},
         "status": {"conditions": [{"type": "Ready", "status": "@1@", "reason": "NodeStatusUnknown", "message": "Kubelet stopped posting node status.", "lastTransitionTime": "2026-11-20T09:58:00Z"}]}}
        """, name, ready);

    [Fact]
    public void A_running_pod_the_node_controller_marked_not_ready_is_not_healthy()
    {
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running(), conditions: NotReadyCondition));
        Assert.False(Investigation.IsHealthyPod(snapshot.Get("Pod", "shop", "checkout-6d6584985-a")!));
    }

    [Fact]
    public void Ready_and_completed_pods_are_healthy()
    {
        var snapshot = Objects.Snapshot(
            Objects.Pod("checkout-6d6584985-a", Objects.Running(), conditions: """[{"type": "Ready", "status": "True"}]"""),
            Objects.Pod("checkout-6d6584985-b", """{"name": "app", "ready": false, "restartCount": 0, "state": {"terminated": {"reason": "Completed", "exitCode": 0}}}""",
                phase: "Succeeded", conditions: """[{"type": "Ready", "status": "False", "reason": "PodCompleted"}]"""));
        Assert.True(Investigation.IsHealthyPod(snapshot.Get("Pod", "shop", "checkout-6d6584985-a")!));
        Assert.True(Investigation.IsHealthyPod(snapshot.Get("Pod", "shop", "checkout-6d6584985-b")!));
    }

    [Fact]
    public void Not_ready_pods_on_an_unreachable_node_rank_node_not_ready_on_the_node()
    {
        var node = new ObjectRef("Node", null, "node-a");
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running(), conditions: NotReadyCondition), Node("node-a", "Unknown"));
        var findings = Number([.. new NodeAnalyzer().Analyze(snapshot), .. new PodStatusAnalyzer().Analyze(snapshot)]);
        var top = new Analyst(Scope(new ObjectRef("Pod", "shop", "checkout-6d6584985-a"), node), findings).Rank()[0];
        Assert.Equal(RootCause.NodeNotReady, top.RootCause);
        Assert.Equal(node, top.Subject);
    }

    [Fact]
    public void A_ready_node_gives_no_node_cause()
    {
        var node = new ObjectRef("Node", null, "node-a");
        var snapshot = Objects.Snapshot(Objects.Pod("checkout-6d6584985-a", Objects.Running(), conditions: NotReadyCondition), Node("node-a", "True"));
        var findings = Number([.. new NodeAnalyzer().Analyze(snapshot), .. new PodStatusAnalyzer().Analyze(snapshot)]);
        Assert.DoesNotContain(new Analyst(Scope(new ObjectRef("Pod", "shop", "checkout-6d6584985-a"), node), findings).Rank(), h => h.RootCause == RootCause.NodeNotReady);
    }
}
