using EksOps.Diagnosis.Analyzers;

namespace EksOps.Diagnosis.Tests;

public sealed class PodAnalyzerTests
{
    private static List<Finding> Analyze(Evidence.ClusterSnapshot snapshot) => [.. new PodStatusAnalyzer().Analyze(snapshot)];

    [Fact]
    public void Recent_oom_kill_is_found_with_the_memory_limit()
    {
        var findings = Analyze(Objects.Snapshot(Objects.Pod("checkout-1", Objects.Waiting("CrashLoopBackOff", "back-off", 7, Objects.Terminated("OOMKilled", 137)))));
        var oom = Assert.Single(findings, f => f.Kind == FindingKind.OomKilled);
        Assert.Equal("512Mi", oom.Details["memoryLimit"]);
        Assert.Equal("OOMKilled", Assert.Single(findings, f => f.Kind == FindingKind.CrashLoopBackOff).Details["lastReason"]);
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.ContainerExitedWithError);
    }

    [Fact]
    public void Terminations_before_the_incident_window_are_history()
    {
        var findings = Analyze(Objects.Snapshot(Objects.Pod("checkout-1", Objects.Running(1, last: Objects.Terminated("OOMKilled", 137, "2026-11-19T19:44:00Z")))));
        Assert.Empty(findings);
    }

    [Fact]
    public void Application_exit_codes_are_errors_not_oom()
    {
        var findings = Analyze(Objects.Snapshot(Objects.Pod("checkout-1", Objects.Waiting("CrashLoopBackOff", "back-off", 5, Objects.Terminated("Error", 1)))));
        Assert.Equal("1", Assert.Single(findings, f => f.Kind == FindingKind.ContainerExitedWithError).Details["exitCode"]);
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.OomKilled);
    }

    [Theory]
    [InlineData("ImagePullBackOff", FindingKind.ImagePullFailure)]
    [InlineData("ErrImagePull", FindingKind.ImagePullFailure)]
    [InlineData("CreateContainerConfigError", FindingKind.ContainerConfigError)]
    public void Waiting_reasons_are_classified(string reason, FindingKind kind)
    {
        var findings = Analyze(Objects.Snapshot(Objects.Pod("checkout-1", Objects.Waiting(reason, "details"), phase: "Pending")));
        Assert.Equal(kind, Assert.Single(findings).Kind);
    }

    [Fact]
    public void Healthy_pod_has_no_findings() => Assert.Empty(Analyze(Objects.Snapshot(Objects.Pod("checkout-1", Objects.Running()))));

    [Fact]
    public void Missing_secret_events_are_configuration_errors()
    {
        var snapshot = Objects.Snapshot();
        Objects.Event(snapshot, "Pod", "shop", "checkout-1", "Failed", "Error: secret \"smtp\" not found");
        Objects.Event(snapshot, "Pod", "shop", "checkout-2", "Failed", "Error: context deadline exceeded");
        Assert.Equal(FindingKind.ContainerConfigError, Assert.Single(Analyze(snapshot)).Kind);
    }

    [Theory]
    [InlineData("0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.", FindingKind.UnschedulableResources)]
    [InlineData("0/7 nodes are available: 7 node(s) didn't match Pod's node affinity/selector. preemption: 0/7 nodes are available: 7 Preemption is not helpful for scheduling.", FindingKind.UnschedulableConstraints)]
    [InlineData("0/5 nodes are available: 1 Insufficient cpu, 4 node(s) had untolerated taint {dedicated: gpu}.", FindingKind.UnschedulableConstraints)]
    [InlineData("0/5 nodes are available: 3 Insufficient cpu, 2 node(s) didn't match pod anti-affinity rules.", FindingKind.UnschedulableResources)]
    [InlineData("running PreBind plugin \"VolumeBinding\": binding volumes: provisioning failed for PVC \"data-kafka-3\"", FindingKind.UnschedulableVolume)]
    [InlineData("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.", FindingKind.UnschedulableVolume)]
    public void Scheduler_messages_are_parsed(string message, FindingKind expected) => Assert.Equal(expected, SchedulerMessage.Classify(message));

    [Fact]
    public void Pending_pods_are_reported_with_the_scheduler_reason_and_running_ones_are_not()
    {
        const string unschedulable = """[{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "0/4 nodes are available: 4 Insufficient memory."}]""";
        var snapshot = Objects.Snapshot(
            Objects.Pod("renderer-1", Objects.Waiting("ContainerCreating", "x"), "Pending", unschedulable),
            Objects.Pod("renderer-2", Objects.Running()));
        var finding = Assert.Single(new SchedulingAnalyzer().Analyze(snapshot));
        Assert.Equal(FindingKind.UnschedulableResources, finding.Kind);
        Assert.Equal("renderer-1", finding.About.Name);
    }

    [Fact]
    public void Probe_events_tell_liveness_restarts_from_readiness_failures()
    {
        var snapshot = Objects.Snapshot();
        Objects.Event(snapshot, "Pod", "media", "transcoder-1", "Unhealthy", "Liveness probe failed: Get \"http://10.0.0.1:8080/health\": context deadline exceeded");
        Objects.Event(snapshot, "Pod", "media", "transcoder-1", "Killing", "Container transcoder failed liveness probe, will be restarted", "Normal", 6);
        Objects.Event(snapshot, "Pod", "ledger", "ledger-1", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 404");
        var findings = new ProbeAnalyzer().Analyze(snapshot).ToList();
        Assert.Equal("6", Assert.Single(findings, f => f.Kind == FindingKind.LivenessProbeFailing).Details["restartsByKubelet"]);
        Assert.Equal("false", Assert.Single(findings, f => f.Kind == FindingKind.ReadinessProbeFailing).Details["onlyWhileStarting"]);
    }

    [Fact]
    public void No_probe_events_no_probe_findings()
    {
        var snapshot = Objects.Snapshot(Objects.Pod("ok-1", Objects.Running()));
        Objects.Event(snapshot, "Pod", "shop", "ok-1", "Pulled", "Container image already present on machine", "Normal");
        Assert.Empty(new ProbeAnalyzer().Analyze(snapshot));
    }
}
