using EksOps.Incidents;

namespace EksOps.Tools.Tests;

/// <summary>Every cell of environment × policy class × approval state, and the namespace rules.</summary>
public sealed class PolicyMatrixTests
{
    public enum Approval
    {
        None,
        Valid,
        OtherChange,
        OtherCluster,
        Expired,
        Tampered,
    }

    private static readonly ManualTime Clock = new(Fixtures.Now);

    private static ToolPolicy Policy(ToolPolicyOptions? options = null) =>
        new((options ?? new ToolPolicyOptions()) with { Approvals = Fixtures.Approvals(Clock) });

    private static string? Token(Approval approval, ProposedChange change)
    {
        var issuer = Fixtures.Approvals(Clock);
        return approval switch
        {
            Approval.None => null,
            Approval.Valid => issuer.Issue(change, "oncall@example.com", TimeSpan.FromMinutes(15)),
            Approval.OtherChange => issuer.Issue(change with { Patch = Fixtures.ScaleChange(Fixtures.Production, replicas: 40).Patch }, "oncall@example.com", TimeSpan.FromMinutes(15)),
            Approval.OtherCluster => issuer.Issue(change with { Cluster = "other-eks" }, "oncall@example.com", TimeSpan.FromMinutes(15)),
            Approval.Expired => new ApprovalTokens(Fixtures.Key, time: new ManualTime(Fixtures.Now - TimeSpan.FromHours(2))).Issue(change, "oncall@example.com", TimeSpan.FromMinutes(15)),
            Approval.Tampered => Tamper(issuer.Issue(change, "oncall@example.com", TimeSpan.FromMinutes(15))),
            _ => throw new ArgumentOutOfRangeException(nameof(approval)),
        };
    }

    private static string Tamper(string token)
    {
        string[] parts = token.Split('.');
        char[] payload = parts[1].ToCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new string(payload) + "." + parts[2];
    }

    /// <summary>Reads: allowed in every environment, whatever the approval state; sensitive reads too (the seed policy enables them).</summary>
    public static TheoryData<ClusterEnvironment, ToolPolicyClass, Approval> ReadCells()
    {
        var data = new TheoryData<ClusterEnvironment, ToolPolicyClass, Approval>();
        foreach (var environment in ClusterEnvironments.All)
        {
            foreach (var policyClass in new[] { ToolPolicyClass.Read, ToolPolicyClass.SensitiveRead })
            {
                foreach (var approval in Enum.GetValues<Approval>())
                {
                    data.Add(environment, policyClass, approval);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadCells))]
    public void Reads_are_allowed_in_every_environment_whatever_the_approval(ClusterEnvironment environment, ToolPolicyClass policyClass, Approval approval)
    {
        _ = approval; // reads ignore approvals
        var decision = Policy().EvaluateCall(Fixtures.For(environment), "get_pod_logs", new ToolCallScope("shop", policyClass));

        Assert.Equal(PolicyVerdict.Allow, decision.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    /// <summary>Writes (a scale-deployment change): environment × approval state → verdict and rule.</summary>
    public static TheoryData<ClusterEnvironment, Approval, PolicyVerdict, string> WriteCells() => new()
    {
        { ClusterEnvironment.Production, Approval.None, PolicyVerdict.NeedsApproval, "approval-required" },
        { ClusterEnvironment.Production, Approval.Valid, PolicyVerdict.Allow, "approved" },
        { ClusterEnvironment.Production, Approval.OtherChange, PolicyVerdict.Deny, "approval-refused" },
        { ClusterEnvironment.Production, Approval.OtherCluster, PolicyVerdict.Deny, "approval-refused" },
        { ClusterEnvironment.Production, Approval.Expired, PolicyVerdict.Deny, "approval-refused" },
        { ClusterEnvironment.Production, Approval.Tampered, PolicyVerdict.Deny, "approval-refused" },

        // scale-deployment runs without approval in staging and development (DefaultPolicy); a token changes nothing.
        { ClusterEnvironment.Staging, Approval.None, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Staging, Approval.Valid, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Staging, Approval.OtherChange, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Staging, Approval.OtherCluster, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Staging, Approval.Expired, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Staging, Approval.Tampered, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.None, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.Valid, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.OtherChange, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.OtherCluster, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.Expired, PolicyVerdict.Allow, "default-policy" },
        { ClusterEnvironment.Development, Approval.Tampered, PolicyVerdict.Allow, "default-policy" },
    };

    [Theory]
    [MemberData(nameof(WriteCells))]
    public void Writes_follow_the_seed_policy_cell_by_cell(ClusterEnvironment environment, Approval approval, PolicyVerdict verdict, string rule)
    {
        var cluster = Fixtures.For(environment);
        var change = Fixtures.ScaleChange(cluster);

        var decision = Policy().EvaluateChange(cluster, change, Token(approval, change));

        Assert.Equal((verdict, rule), (decision.Verdict, decision.Rule));
    }

    /// <summary>Writes that need approval outside production (DefaultPolicy), with and without a bound token.</summary>
    public static TheoryData<ClusterEnvironment, RunbookId, Approval, PolicyVerdict> ApprovalOutsideProduction() => new()
    {
        { ClusterEnvironment.Staging, RunbookId.IncreaseMemoryLimit, Approval.None, PolicyVerdict.NeedsApproval },
        { ClusterEnvironment.Staging, RunbookId.IncreaseMemoryLimit, Approval.Valid, PolicyVerdict.Allow },
        { ClusterEnvironment.Staging, RunbookId.RollbackDeployment, Approval.Expired, PolicyVerdict.Deny },
        { ClusterEnvironment.Development, RunbookId.DrainNode, Approval.None, PolicyVerdict.NeedsApproval },
        { ClusterEnvironment.Development, RunbookId.DrainNode, Approval.Valid, PolicyVerdict.Allow },
        { ClusterEnvironment.Development, RunbookId.DrainNode, Approval.Tampered, PolicyVerdict.Deny },
        { ClusterEnvironment.Development, RunbookId.CordonNode, Approval.None, PolicyVerdict.Allow },
    };

    [Theory]
    [MemberData(nameof(ApprovalOutsideProduction))]
    public void Staging_and_development_follow_the_default_policy(ClusterEnvironment environment, RunbookId runbook, Approval approval, PolicyVerdict verdict)
    {
        var cluster = Fixtures.For(environment);
        var change = Fixtures.Change(cluster, runbook);

        Assert.Equal(verdict, Policy().EvaluateChange(cluster, change, Token(approval, change)).Verdict);
    }

    [Fact]
    public void Every_runbook_needs_approval_exactly_where_the_default_policy_says()
    {
        foreach (var environment in ClusterEnvironments.All)
        {
            foreach (var runbook in Runbooks.All)
            {
                var cluster = Fixtures.For(environment);
                var decision = Policy().EvaluateChange(cluster, Fixtures.Change(cluster, runbook), approvalToken: null);
                Assert.True(
                    (decision.Verdict == PolicyVerdict.NeedsApproval) == DefaultPolicy.RequiresApproval(environment, runbook),
                    $"{environment} {runbook.Id()}: {decision.Verdict} {decision.Reason}");
            }
        }
    }

    [Fact]
    public void Escalate_and_records_never_need_approval_even_in_production_with_writes_disabled()
    {
        var decision = Policy(new ToolPolicyOptions { WritesEnabled = false })
            .EvaluateChange(Fixtures.Production, Fixtures.Change(Fixtures.Production, RunbookId.Escalate), approvalToken: null);

        Assert.Equal((PolicyVerdict.Allow, "no-cluster-change"), (decision.Verdict, decision.Rule));
    }

    [Fact]
    public void Sensitive_reads_can_be_switched_off_per_deployment()
    {
        var policy = Policy(new ToolPolicyOptions { SensitiveReadsEnabled = false });

        var sensitive = policy.EvaluateCall(Fixtures.Development, "get_pod_logs", new ToolCallScope("shop", ToolPolicyClass.SensitiveRead));
        var plain = policy.EvaluateCall(Fixtures.Development, "get_k8s_resource", new ToolCallScope("shop", ToolPolicyClass.Read));

        Assert.Equal((PolicyVerdict.Deny, "sensitive-reads-disabled"), (sensitive.Verdict, sensitive.Rule));
        Assert.Equal(PolicyVerdict.Allow, plain.Verdict);
    }

    [Fact]
    public void The_writes_switch_refuses_even_approved_changes()
    {
        var change = Fixtures.ScaleChange(Fixtures.Production);
        var decision = Policy(new ToolPolicyOptions { WritesEnabled = false }).EvaluateChange(Fixtures.Production, change, Token(Approval.Valid, change));

        Assert.Equal((PolicyVerdict.Deny, "writes-disabled"), (decision.Verdict, decision.Rule));
    }

    [Fact]
    public void Approval_for_every_write_tightens_development()
    {
        var change = Fixtures.ScaleChange(Fixtures.Development);

        var decision = Policy(new ToolPolicyOptions { RequireApprovalForAllWrites = true }).EvaluateChange(Fixtures.Development, change, null);

        Assert.Equal(PolicyVerdict.NeedsApproval, decision.Verdict);
    }

    [Fact]
    public void Without_an_approval_key_a_presented_token_cannot_be_accepted()
    {
        var change = Fixtures.ScaleChange(Fixtures.Production);
        var decision = new ToolPolicy(new ToolPolicyOptions()).EvaluateChange(Fixtures.Production, change, Token(Approval.Valid, change));

        Assert.Equal((PolicyVerdict.Deny, "approval-unverifiable"), (decision.Verdict, decision.Rule));
    }

    [Fact]
    public void A_change_planned_for_another_cluster_is_refused()
    {
        var decision = Policy().EvaluateChange(Fixtures.Development, Fixtures.ScaleChange(Fixtures.Production), null);

        Assert.Equal((PolicyVerdict.Deny, "cluster-mismatch"), (decision.Verdict, decision.Rule));
    }

    [Fact]
    public void The_need_for_approval_names_the_change_hash_to_approve()
    {
        var change = Fixtures.ScaleChange(Fixtures.Production);

        var decision = Policy().EvaluateChange(Fixtures.Production, change, null);

        Assert.Contains(change.PatchHash, decision.Reason, StringComparison.Ordinal);
        Assert.Contains("production is read-only", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop", PolicyVerdict.Allow, "namespace-allowed")]
    [InlineData("payments-eu", PolicyVerdict.Allow, "namespace-allowed")]
    [InlineData("kube-system", PolicyVerdict.Deny, "namespace-denied")]
    [InlineData("payments-secret", PolicyVerdict.Deny, "namespace-denied")]
    [InlineData("billing", PolicyVerdict.Deny, "namespace-not-allowed")]
    [InlineData("*", PolicyVerdict.Deny, "all-namespaces-restricted")]
    [InlineData(null, PolicyVerdict.Allow, "no-namespace")]
    public void Cluster_namespace_rules_deny_first_then_require_an_allow(string? ns, PolicyVerdict verdict, string rule)
    {
        var cluster = Fixtures.Production with { AllowedNamespaces = ["shop", "payments-*", "kube-system"], DeniedNamespaces = ["kube-system", "payments-secret"] };

        var decision = Policy().CheckNamespace(cluster, ns);
        var call = Policy().EvaluateCall(cluster, "list_k8s_resources", new ToolCallScope(ns, ToolPolicyClass.Read));

        Assert.Equal((verdict, rule), (decision.Verdict, decision.Rule));
        Assert.Equal(verdict, call.Verdict);
    }

    [Fact]
    public void Deployment_and_cluster_allow_lists_must_both_admit_a_namespace()
    {
        var cluster = Fixtures.Staging with { AllowedNamespaces = ["shop", "search"] };
        var policy = Policy(new ToolPolicyOptions { AllowedNamespaces = ["shop", "cart"] });

        Assert.True(policy.CheckNamespace(cluster, "shop").IsAllowed);
        Assert.Contains("this deployment's allowed", policy.CheckNamespace(cluster, "search").Reason, StringComparison.Ordinal);
        Assert.Contains("cluster stage-eks's allowed", policy.CheckNamespace(cluster, "cart").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_deny_list_applies_to_every_cluster_and_to_writes()
    {
        var policy = Policy(new ToolPolicyOptions { DeniedNamespaces = ["kube-*"] });

        var decision = policy.EvaluateChange(Fixtures.Development, Fixtures.ScaleChange(Fixtures.Development, ns: "kube-system"), null);

        Assert.Equal((PolicyVerdict.Deny, "namespace-denied"), (decision.Verdict, decision.Rule));
        Assert.True(policy.CheckNamespace(Fixtures.Production, "shop").IsAllowed);
    }

    [Fact]
    public void All_namespaces_are_allowed_where_no_namespace_rule_exists()
    {
        Assert.True(Policy().CheckNamespace(Fixtures.Production, ToolCallScope.AllNamespaces).IsAllowed);
    }
}
