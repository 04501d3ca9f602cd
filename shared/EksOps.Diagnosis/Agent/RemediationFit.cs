using EksOps.Incidents;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// Which catalogue runbooks can help against a root cause, the same judgement the deterministic planner makes but
/// allowing every runbook that can help (a model may prefer cordoning to draining): a restart never fixes a crash in
/// the code, a bad image, a missing Secret or a dead dependency, and anything only a human can fix escalates.
/// </summary>
internal static class RemediationFit
{
    /// <summary>Why <paramref name="runbook"/> can help against <paramref name="cause"/>, or <see langword="null"/> when it cannot.</summary>
    /// <param name="cause">The validated root cause.</param>
    /// <param name="runbook">The proposed runbook.</param>
    /// <param name="regression">Whether a finding shows the subject's new revision failing where the previous one was healthy.</param>
    /// <returns>The reason it fits, or null.</returns>
    public static string? Why(RootCause cause, RunbookId runbook, bool regression) => (cause, runbook) switch
    {
        (_, RunbookId.Escalate) => "a human decides with the findings",
        (RootCause.OomKilled, RunbookId.IncreaseMemoryLimit) => "more memory stops the OOM kills",
        (RootCause.BadRollout, RunbookId.RollbackDeployment) => "the previous revision was healthy; rolling back restores it",
        (RootCause.ImagePullError or RootCause.ConfigMissing, RunbookId.RollbackDeployment) when regression =>
            "the previous revision runs; rolling back restores service until the new one is fixed",
        (RootCause.NodeNotReady or RootCause.NodePressure, RunbookId.DrainNode) => "draining moves the pods to healthy nodes",
        (RootCause.NodeNotReady or RootCause.NodePressure, RunbookId.CordonNode) => "cordoning keeps new pods off the node",
        (RootCause.CapacitySaturation, RunbookId.RaiseHpaMax) => "a higher maximum lets the autoscaler add pods",
        (RootCause.CapacitySaturation, RunbookId.ScaleDeployment) => "more replicas share the load",
        (RootCause.CapacitySaturation, RunbookId.IncreaseCpuLimit) => "more cpu per pod relieves the throttling",
        _ => null,
    };
}
