namespace EksOps.Incidents.Tests;

public sealed class RootCauseTests
{
    /// <summary>The taxonomy table of the scenario format (FORMAT.md), row by row.</summary>
    public static TheoryData<RootCause, string, string> Taxonomy => new()
    {
        { RootCause.AppCrash, "app-crash", "containers exit with an application error (non-OOM exit code) and restart: CrashLoopBackOff" },
        { RootCause.OomKilled, "oom-killed", "containers are killed for exceeding their memory limit (reason OOMKilled, exit code 137)" },
        { RootCause.ImagePullError, "image-pull-error", "image cannot be pulled: wrong tag or name, missing repository, registry auth" },
        { RootCause.ConfigMissing, "config-missing", "CreateContainerConfigError: a referenced ConfigMap, Secret or key does not exist" },
        { RootCause.UnschedulableResources, "unschedulable-resources", "pods Pending: no node has enough cpu or memory" },
        { RootCause.UnschedulableConstraints, "unschedulable-constraints", "pods Pending: taints, node selectors or (anti-)affinity exclude every node" },
        { RootCause.QuotaExceeded, "quota-exceeded", "a ResourceQuota or LimitRange forbids creating pods (FailedCreate)" },
        { RootCause.ReadinessProbeFailure, "readiness-probe-failure", "pods run but never become Ready; traffic fails" },
        { RootCause.LivenessProbeFailure, "liveness-probe-failure", "the kubelet kills healthy-looking containers because the liveness probe fails" },
        { RootCause.PvcPending, "pvc-pending", "a PersistentVolumeClaim cannot be bound or provisioned" },
        { RootCause.NodeNotReady, "node-not-ready", "a node is NotReady or unreachable; its pods are lost or stuck" },
        { RootCause.NodePressure, "node-pressure", "memory, disk or PID pressure on a node; evictions" },
        { RootCause.ServiceNoEndpoints, "service-no-endpoints", "a Service selects no ready pods (selector mismatch, port mismatch)" },
        { RootCause.BadRollout, "bad-rollout", "a new revision fails where the previous one was healthy" },
        { RootCause.DependencyUnavailable, "dependency-unavailable", "the workload is healthy but a dependency it calls fails (logs show refused or timed-out connections)" },
        { RootCause.CapacitySaturation, "capacity-saturation", "load exceeds capacity: CPU throttling, HPA at maxReplicas, latency up" },
        { RootCause.DnsFailure, "dns-failure", "name resolution fails inside the cluster" },
        { RootCause.JobFailed, "job-failed", "a Job or CronJob run fails (backoffLimit exceeded, deadline exceeded)" },
        { RootCause.Unknown, "unknown", "the evidence does not support a conclusion; the right action is to escalate with what was found" },
    };

    [Theory]
    [MemberData(nameof(Taxonomy))]
    public void Each_root_cause_has_the_id_and_meaning_of_the_taxonomy_table(RootCause cause, string id, string description)
    {
        Assert.Equal(id, cause.Id());
        Assert.Equal(description, cause.Description());
    }

    [Theory]
    [MemberData(nameof(Taxonomy))]
    public void Each_root_cause_id_round_trips(RootCause cause, string id, string description)
    {
        Assert.True(RootCauses.TryParse(id, out var parsed), description);
        Assert.Equal(cause, parsed);
        Assert.Equal(cause, RootCauses.Parse(cause.Id()));
    }

    [Fact]
    public void All_lists_every_enum_value_once_in_table_order()
    {
        Assert.Equal(Enum.GetValues<RootCause>(), RootCauses.All);
        Assert.Equal(Taxonomy.Select(row => (string)row.Data.Item2).ToArray(), RootCauses.Ids);
        Assert.Equal(RootCauses.All.Count, RootCauses.Ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("OomKilled")]
    [InlineData("OOM-Killed")]
    [InlineData("oom_killed")]
    [InlineData(" oom-killed")]
    [InlineData("oom-killed ")]
    [InlineData("crash")]
    [InlineData("18")]
    public void Unknown_or_misspelled_ids_are_rejected(string id)
    {
        Assert.False(RootCauses.TryParse(id, out _));
        var ex = Assert.Throws<FormatException>(() => RootCauses.Parse(id));
        Assert.Contains("expected a root-cause id (app-crash, oom-killed,", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("but found \"" + id + "\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_not_a_root_cause_id()
    {
        Assert.False(RootCauses.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => RootCauses.Parse(null!));
    }

    [Fact]
    public void Undefined_enum_values_have_no_id()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RootCause)RootCauses.All.Count).Id());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RootCause)(-1)).Description());
    }
}
