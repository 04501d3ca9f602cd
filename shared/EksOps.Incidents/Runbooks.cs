using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace EksOps.Incidents;

/// <summary>
/// The runbook catalogue as data: each <see cref="RunbookId"/>'s kebab-case id, its action, its
/// <see cref="RunbookEffect"/> and the Kubernetes kinds it acts on; and conversion between the enum and its id.
/// </summary>
public static class Runbooks
{
    private static readonly ReadOnlyCollection<string> Workloads = Kinds(KubernetesKinds.Deployment, KubernetesKinds.StatefulSet, KubernetesKinds.DaemonSet);

    private static readonly Entry[] Entries =
    [
        new(RunbookId.RestartRollout, "restart-rollout", "rollout restart of a Deployment/StatefulSet/DaemonSet", RunbookEffect.Write, Workloads),
        new(RunbookId.RollbackDeployment, "rollback-deployment", "roll a Deployment back to its previous healthy revision", RunbookEffect.Write, Kinds(KubernetesKinds.Deployment)),
        new(RunbookId.ScaleDeployment, "scale-deployment", "change replicas (within bounds set by policy)", RunbookEffect.Write, Kinds(KubernetesKinds.Deployment, KubernetesKinds.StatefulSet)),
        new(RunbookId.IncreaseMemoryLimit, "increase-memory-limit", "raise a container's memory request/limit (bounded step)", RunbookEffect.Write, Workloads),
        new(RunbookId.IncreaseCpuLimit, "increase-cpu-limit", "raise a container's cpu request/limit (bounded step)", RunbookEffect.Write, Workloads),
        new(RunbookId.RaiseHpaMax, "raise-hpa-max", "raise a HorizontalPodAutoscaler's maxReplicas (bounded step)", RunbookEffect.Write, Kinds(KubernetesKinds.HorizontalPodAutoscaler)),
        new(RunbookId.DeletePod, "delete-pod", "delete one pod so its controller recreates it", RunbookEffect.Write, Kinds(KubernetesKinds.Pod)),
        new(RunbookId.CordonNode, "cordon-node", "mark a node unschedulable", RunbookEffect.Write, Kinds(KubernetesKinds.Node)),
        new(RunbookId.DrainNode, "drain-node", "cordon and evict pods from a node", RunbookEffect.Write, Kinds(KubernetesKinds.Node)),
        new(RunbookId.Escalate, "escalate", "no automatic action: page a human with the findings", RunbookEffect.NoAction, Kinds()),
    ];

    /// <summary>Every runbook, in the order of the catalogue table.</summary>
    public static IReadOnlyList<RunbookId> All { get; } = Array.AsReadOnly(Array.ConvertAll(Entries, e => e.Value));

    /// <summary>Every runbook id (<c>restart-rollout</c> … <c>escalate</c>), in the order of the catalogue table.</summary>
    public static IReadOnlyList<string> Ids { get; } = Array.AsReadOnly(Array.ConvertAll(Entries, e => e.Id));

    /// <summary>The kebab-case id of a runbook, for example <c>increase-memory-limit</c>.</summary>
    /// <param name="runbook">The runbook.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static string Id(this RunbookId runbook) => Get(runbook).Id;

    /// <summary>What the runbook does, as the catalogue table gives it.</summary>
    /// <param name="runbook">The runbook.</param>
    /// <returns>The one-line action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static string Action(this RunbookId runbook) => Get(runbook).Action;

    /// <summary>
    /// What running the runbook does to the cluster: <see cref="RunbookEffect.NoAction"/> for
    /// <see cref="RunbookId.Escalate"/>, <see cref="RunbookEffect.Write"/> for every other runbook in the catalogue.
    /// </summary>
    /// <param name="runbook">The runbook.</param>
    /// <returns>The effect.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static RunbookEffect Effect(this RunbookId runbook) => Get(runbook).Effect;

    /// <summary>Whether the runbook changes the cluster (its <see cref="Effect(RunbookId)"/> is <see cref="RunbookEffect.Write"/>).</summary>
    /// <param name="runbook">The runbook.</param>
    /// <returns><see langword="true"/> for a write.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static bool IsWrite(this RunbookId runbook) => Get(runbook).Effect == RunbookEffect.Write;

    /// <summary>
    /// The Kubernetes kinds the runbook acts on (see <see cref="KubernetesKinds"/>); empty for
    /// <see cref="RunbookId.Escalate"/>, which acts on nothing.
    /// </summary>
    /// <param name="runbook">The runbook.</param>
    /// <returns>The kind names, for example <c>Deployment</c>, <c>StatefulSet</c>, <c>DaemonSet</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static IReadOnlyList<string> TargetKinds(this RunbookId runbook) => Get(runbook).TargetKinds;

    /// <summary>Whether the runbook can act on an object of the given kind (exact, case-sensitive match).</summary>
    /// <param name="runbook">The runbook.</param>
    /// <param name="kind">A Kubernetes kind such as <c>Deployment</c>.</param>
    /// <returns>Whether <paramref name="kind"/> is one of <see cref="TargetKinds(RunbookId)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runbook"/> is not a defined value.</exception>
    public static bool Targets(this RunbookId runbook, string? kind)
    {
        foreach (string target in Get(runbook).TargetKinds)
        {
            if (string.Equals(target, kind, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a kebab-case runbook id. The match is exact and case-sensitive: <c>delete-pod</c> is accepted,
    /// <c>Delete-Pod</c> and <c>DeletePod</c> are not.
    /// </summary>
    /// <param name="id">The id, or <see langword="null"/>.</param>
    /// <param name="runbook">The runbook when the id is known; otherwise <see cref="RunbookId.Escalate"/>.</param>
    /// <returns>Whether <paramref name="id"/> is one of <see cref="Ids"/>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? id, out RunbookId runbook)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Id, id, StringComparison.Ordinal))
            {
                runbook = entry.Value;
                return true;
            }
        }

        runbook = RunbookId.Escalate;
        return false;
    }

    /// <summary>Reads a kebab-case runbook id (see <see cref="TryParse(string?, out RunbookId)"/>).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The runbook.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="id"/> is not a runbook id; the message lists the valid ones.</exception>
    public static RunbookId Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(id, out var runbook)
            ? runbook
            : throw new FormatException("expected a runbook id (" + string.Join(", ", Ids) + ") but found \"" + id + "\"");
    }

    private static Entry Get(RunbookId runbook)
    {
        int index = (int)runbook;
        return index >= 0 && index < Entries.Length
            ? Entries[index]
            : throw new ArgumentOutOfRangeException(nameof(runbook), runbook, "not a defined runbook");
    }

    private static ReadOnlyCollection<string> Kinds(params string[] kinds) => Array.AsReadOnly(kinds);

    private sealed record Entry(RunbookId Value, string Id, string Action, RunbookEffect Effect, IReadOnlyList<string> TargetKinds);
}
