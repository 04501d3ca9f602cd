using EksOps.Incidents;

namespace EksOps.Tools;

/// <summary>
/// The policy, in code and independent of any model: decides whether a call may run (namespace rules, sensitive
/// reads) and whether a planned change may be applied (writes switch, <see cref="DefaultPolicy"/> per environment,
/// approval tokens bound to the exact change). Every decision carries a rule id and a reason.
/// </summary>
/// <remarks>
/// Namespace rules, deny first: a namespace in the deployment's or the cluster's deny list is refused; if the
/// deployment or the cluster has an allow list, the namespace must be in each list that exists. A request across
/// all namespaces is refused wherever any namespace rule exists (it would reach the denied ones).
/// </remarks>
public sealed class ToolPolicy
{
    /// <summary>Creates the policy.</summary>
    /// <param name="options">The deployment's settings.</param>
    public ToolPolicy(ToolPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The deployment's settings.</summary>
    public ToolPolicyOptions Options { get; }

    /// <summary>Whether a call may run at all: namespace rules, then the sensitive-read switch. Writes are then planned and judged by <see cref="EvaluateChange"/>.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="toolName">The tool (for the reason text).</param>
    /// <param name="scope">What the call touches.</param>
    /// <returns>Allow or deny, with the reason.</returns>
    public PolicyDecision EvaluateCall(ClusterInfo cluster, string toolName, ToolCallScope scope)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(scope);
        var ns = CheckNamespace(cluster, scope.Namespace);
        if (!ns.IsAllowed)
        {
            return ns;
        }

        return scope.PolicyClass switch
        {
            ToolPolicyClass.SensitiveRead when !Options.SensitiveReadsEnabled =>
                PolicyDecision.Deny("sensitive-reads-disabled", $"{toolName} reads sensitive data (logs, events or Secrets), which this deployment does not allow (EKSOPS_SENSITIVE_READS=false)"),
            ToolPolicyClass.SensitiveRead => PolicyDecision.Allow("sensitive-read", $"{toolName} may read sensitive data in {Where(cluster, scope.Namespace)}; results are redacted"),
            ToolPolicyClass.Write => PolicyDecision.Allow("write-planned", $"{toolName} may plan its change in {Where(cluster, scope.Namespace)}; applying it is decided on the exact change"),
            _ => PolicyDecision.Allow("read", $"{toolName} may read {Where(cluster, scope.Namespace)}"),
        };
    }

    /// <summary>Whether a planned change may be applied now.</summary>
    /// <param name="cluster">The cluster the call was made for.</param>
    /// <param name="change">The exact change from the plan.</param>
    /// <param name="approvalToken">The approval token the caller presented, if any.</param>
    /// <returns>Allow, deny, or needs approval, with the reason.</returns>
    public PolicyDecision EvaluateChange(ClusterInfo cluster, ProposedChange change, string? approvalToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(change);
        if (change.Cluster != cluster.Name)
        {
            return PolicyDecision.Deny("cluster-mismatch", $"the planned change is for cluster {change.Cluster}, but the call was made for {cluster.Name}");
        }

        var ns = CheckNamespace(cluster, change.Namespace);
        if (!ns.IsAllowed)
        {
            return ns;
        }

        if (change.Effect != RunbookEffect.Write)
        {
            return PolicyDecision.Allow("no-cluster-change", $"{change.Summary}: changes nothing in the cluster, so it never needs approval");
        }

        string what = change.Runbook is RunbookId runbook ? runbook.Id() : "this write";
        string env = cluster.Environment.Id();
        if (!Options.WritesEnabled)
        {
            return PolicyDecision.Deny("writes-disabled", $"writes are disabled in this deployment (EKSOPS_WRITES_ENABLED=false); {what} was planned but not applied");
        }

        bool needsApproval = Options.RequireApprovalForAllWrites
            || change.Runbook is not RunbookId known
            || DefaultPolicy.RequiresApproval(cluster.Environment, known);
        if (!needsApproval)
        {
            return PolicyDecision.Allow("default-policy", $"{what} runs without approval in {env} clusters (default policy)");
        }

        string why = cluster.Environment == ClusterEnvironment.Production
            ? "production is read-only without an approval bound to the exact change"
            : Options.RequireApprovalForAllWrites ? "this deployment requires approval for every write" : $"the default policy requires approval for {what} in {env}";
        if (string.IsNullOrWhiteSpace(approvalToken))
        {
            return new PolicyDecision(PolicyVerdict.NeedsApproval, "approval-required", $"{why}; ask a human to approve change {change.PatchHash} to {change.Target} and call again with the approval token");
        }

        if (Options.Approvals is null)
        {
            return PolicyDecision.Deny("approval-unverifiable", $"{why}, and this deployment has no approval key (EKSOPS_APPROVAL_SECRET), so no token can be accepted");
        }

        var check = Options.Approvals.Verify(approvalToken, change);
        return check.IsValid
            ? PolicyDecision.Allow("approved", $"{what} on {change.Target}: {check.Reason}")
            : PolicyDecision.Deny("approval-refused", $"the approval token is refused: {check.Reason}");
    }

    /// <summary>The namespace rules alone (see the remarks on <see cref="ToolPolicy"/>).</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="namespaceName">The namespace; <see cref="ToolCallScope.AllNamespaces"/> for all; <see langword="null"/> for none.</param>
    /// <returns>Allow or deny, with the reason.</returns>
    public PolicyDecision CheckNamespace(ClusterInfo cluster, string? namespaceName)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (namespaceName is null)
        {
            return PolicyDecision.Allow("no-namespace", "the call is not limited to a namespace");
        }

        bool restricted = Options.AllowedNamespaces.Count + Options.DeniedNamespaces.Count + cluster.AllowedNamespaces.Count + cluster.DeniedNamespaces.Count > 0;
        if (namespaceName == ToolCallScope.AllNamespaces)
        {
            return restricted
                ? PolicyDecision.Deny("all-namespaces-restricted", $"namespaces are restricted in {cluster.Name}, so a request across all namespaces is refused; name a namespace{AllowedHint(cluster)}")
                : PolicyDecision.Allow("all-namespaces", "no namespace rules apply");
        }

        if (Match(Options.DeniedNamespaces, namespaceName) is string deployDeny)
        {
            return PolicyDecision.Deny("namespace-denied", $"namespace {namespaceName} is denied by this deployment ({deployDeny})");
        }

        if (Match(cluster.DeniedNamespaces, namespaceName) is string clusterDeny)
        {
            return PolicyDecision.Deny("namespace-denied", $"namespace {namespaceName} is denied in cluster {cluster.Name} ({clusterDeny})");
        }

        if (Options.AllowedNamespaces.Count > 0 && Match(Options.AllowedNamespaces, namespaceName) is null)
        {
            return PolicyDecision.Deny("namespace-not-allowed", $"namespace {namespaceName} is not in this deployment's allowed namespaces ({string.Join(", ", Options.AllowedNamespaces)})");
        }

        if (cluster.AllowedNamespaces.Count > 0 && Match(cluster.AllowedNamespaces, namespaceName) is null)
        {
            return PolicyDecision.Deny("namespace-not-allowed", $"namespace {namespaceName} is not in cluster {cluster.Name}'s allowed namespaces ({string.Join(", ", cluster.AllowedNamespaces)})");
        }

        return PolicyDecision.Allow("namespace-allowed", $"namespace {namespaceName} is allowed");
    }

    private string AllowedHint(ClusterInfo cluster)
    {
        var allowed = Options.AllowedNamespaces.Concat(cluster.AllowedNamespaces).Distinct(StringComparer.Ordinal).ToList();
        return allowed.Count == 0 ? string.Empty : " (allowed: " + string.Join(", ", allowed) + ")";
    }

    private static string Where(ClusterInfo cluster, string? namespaceName) => namespaceName switch
    {
        null => cluster.Name,
        ToolCallScope.AllNamespaces => cluster.Name + " (all namespaces)",
        _ => cluster.Name + "/" + namespaceName,
    };

    /// <summary>The first pattern that matches: an exact name, <c>prefix*</c>, or <c>*</c>.</summary>
    private static string? Match(IReadOnlyList<string> patterns, string namespaceName)
    {
        foreach (string pattern in patterns)
        {
            bool matches = pattern.EndsWith('*')
                ? namespaceName.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : string.Equals(pattern, namespaceName, StringComparison.Ordinal);
            if (matches)
            {
                return pattern;
            }
        }

        return null;
    }
}
