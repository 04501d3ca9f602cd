using EksOps.Incidents;

namespace EksOps.Diagnosis.Analysis;

/// <summary>
/// Picks the catalogue runbook that can help against a root cause on its subject, and never one that cannot:
/// restarting does not fix a crash in the code, a bad image, a missing Secret or a dead dependency; only a rollback
/// undoes a bad revision; only more memory stops OOM kills; a node that is not Ready or under pressure is drained.
/// Whatever needs a human (cluster capacity, quotas, storage, configuration, dependencies, unknown causes) escalates.
/// </summary>
internal static class RemediationPlanner
{
    public static RemediationProposal Plan(RootCause cause, ObjectRef subject, bool rolloutRegression, bool hasAutoscaler, ClusterEnvironment environment)
    {
        var (runbook, why) = cause switch
        {
            RootCause.OomKilled => (RunbookId.IncreaseMemoryLimit, "more memory stops the OOM kills; a restart or rollback would be killed again"),
            RootCause.BadRollout => (RunbookId.RollbackDeployment, "the previous revision was healthy; rolling back restores it"),
            RootCause.ImagePullError or RootCause.ConfigMissing when rolloutRegression =>
                (RunbookId.RollbackDeployment, "the previous revision runs; rolling back restores service until the new one is fixed"),
            RootCause.NodeNotReady => (RunbookId.DrainNode, "draining moves the pods off the node (it is cordoned first)"),
            RootCause.NodePressure => (RunbookId.DrainNode, "draining relieves the node and moves its pods to healthy nodes"),
            RootCause.CapacitySaturation when subject.Kind == KubernetesKinds.HorizontalPodAutoscaler =>
                (RunbookId.RaiseHpaMax, "the autoscaler is at maxReplicas; a higher maximum lets it add pods"),
            RootCause.CapacitySaturation when !hasAutoscaler => (RunbookId.ScaleDeployment, "more replicas share the load"),
            RootCause.CapacitySaturation => (RunbookId.IncreaseCpuLimit, "the autoscaler already scales; more cpu per pod relieves the throttling"),
            _ => (RunbookId.Escalate, EscalationReason(cause)),
        };

        if (runbook != RunbookId.Escalate && !runbook.Targets(subject.Kind))
        {
            (runbook, why) = (RunbookId.Escalate, $"{runbook.Id()} cannot act on a {subject.Kind}; a human must decide");
        }

        return new RemediationProposal
        {
            Runbook = runbook,
            Target = runbook == RunbookId.Escalate ? null : subject,
            ApprovalRequired = DefaultPolicy.RequiresApproval(environment, runbook),
            Rationale = why,
        };
    }

    private static string EscalationReason(RootCause cause) => cause switch
    {
        RootCause.AppCrash => "the code crashes; a restart crashes again and no earlier revision is known to be healthy",
        RootCause.ImagePullError => "the image cannot be pulled and there is no healthy revision to roll back to",
        RootCause.ConfigMissing => "the referenced ConfigMap or Secret must be created by a human; restarts do not create it",
        RootCause.UnschedulableResources => "the cluster lacks capacity; a human must add nodes or lower requests",
        RootCause.UnschedulableConstraints => "scheduling constraints exclude every node; a human must change them or the node groups",
        RootCause.QuotaExceeded => "the namespace's quota refuses new pods; a human must raise the quota or lower requests",
        RootCause.ReadinessProbeFailure => "the pods never become ready; a restart does not change that",
        RootCause.LivenessProbeFailure => "the liveness probe itself or what it checks must be fixed; restarts are the symptom",
        RootCause.PvcPending => "storage cannot be provisioned; a human must fix the storage class, driver or permissions",
        RootCause.ServiceNoEndpoints => "the Service's selector or ports must be fixed; no runbook edits them",
        RootCause.DependencyUnavailable => "a dependency outside the workload fails; restarting or scaling the workload does not help",
        RootCause.DnsFailure => "cluster name resolution is broken; a human must fix the DNS configuration",
        RootCause.JobFailed => "the job's failure needs a human; deleting pods or restarting does not fix it",
        _ => "the evidence does not support a safe automatic action",
    };
}
