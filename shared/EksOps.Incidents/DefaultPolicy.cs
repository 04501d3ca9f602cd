namespace EksOps.Incidents;

/// <summary>
/// The default approval policy of the scenario format: which proposals run without a human and which wait for
/// approval. A deployment can tighten or loosen it; scenarios' <c>expect.approvalRequired</c> is judged against it.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>environment</term><description>runs without approval / needs approval</description></listheader>
/// <item><term><c>production</c></term><description>reads, <c>escalate</c> / every write in the catalogue</description></item>
/// <item><term><c>staging</c></term><description>reads, <c>escalate</c>, <c>restart-rollout</c>, <c>scale-deployment</c>,
/// <c>raise-hpa-max</c>, <c>delete-pod</c> / every other write</description></item>
/// <item><term><c>development</c></term><description>reads, <c>escalate</c>, every write except <c>drain-node</c> /
/// <c>drain-node</c></description></item>
/// </list>
/// A proposal of <c>escalate</c> never needs approval.
/// </remarks>
public static class DefaultPolicy
{
    /// <summary>Whether running <paramref name="runbook"/> in a cluster of <paramref name="environment"/> must wait for a human's approval.</summary>
    /// <param name="environment">The cluster's environment.</param>
    /// <param name="runbook">The proposed runbook.</param>
    /// <returns><see langword="true"/> if a human must approve first; always <see langword="false"/> for reads and <see cref="RunbookId.Escalate"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="environment"/> or <paramref name="runbook"/> is not a defined value.</exception>
    public static bool RequiresApproval(ClusterEnvironment environment, RunbookId runbook)
    {
        // Validates the runbook before anything else, so an undefined value never slips through as "no approval".
        if (runbook.Effect() != RunbookEffect.Write)
        {
            return false;
        }

        return environment switch
        {
            ClusterEnvironment.Production => true,
            ClusterEnvironment.Staging => runbook is not (RunbookId.RestartRollout or RunbookId.ScaleDeployment or RunbookId.RaiseHpaMax or RunbookId.DeletePod),
            ClusterEnvironment.Development => runbook is RunbookId.DrainNode,
            _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "not a defined cluster environment"),
        };
    }
}
