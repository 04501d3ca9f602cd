using System.Text.Json.Nodes;
using EksOps.Incidents;
using EksOps.Lambda.Testing;

namespace EksOps.Tools.Tests;

/// <summary>Clusters, keys, contexts and changes shared by the tests.</summary>
public static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 2, 0, TimeSpan.Zero);

    public static ClusterInfo Production { get; } = new()
    {
        Name = "prod-eks", Region = "ap-northeast-2", AccountId = "123456789012", Environment = ClusterEnvironment.Production,
    };

    public static ClusterInfo Staging { get; } = new()
    {
        Name = "stage-eks", Region = "eu-west-1", AccountId = "210987654321", Environment = ClusterEnvironment.Staging,
    };

    public static ClusterInfo Development { get; } = new()
    {
        Name = "dev-eks", Region = "us-east-1", AccountId = "111122223333", Environment = ClusterEnvironment.Development,
    };

    public static ClusterInfo For(ClusterEnvironment environment) => environment switch
    {
        ClusterEnvironment.Production => Production,
        ClusterEnvironment.Staging => Staging,
        _ => Development,
    };

    public static ClusterRegistry Clusters(string? defaultCluster = "prod-eks") =>
        ClusterRegistry.Create([Production, Staging, Development], defaultCluster);

    public static ApprovalKey Key { get; } = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static ApprovalKey OtherKey { get; } = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public static ApprovalTokens Approvals(TimeProvider time) => new(Key, time: time);

    public static ToolInvocationContext Invocation(
        TestLambdaLogger? logger = null, TestMetrics? metrics = null, string? cluster = null, string? approvalToken = null, int? maxOutputBytes = null) => new()
    {
        ClusterName = cluster,
        Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/agent/session", ToolFace.Internal),
        ApprovalToken = approvalToken,
        Logger = logger ?? new TestLambdaLogger(),
        Metrics = metrics ?? new TestMetrics(),
        MaxOutputBytes = maxOutputBytes,
    };

    public static ProposedChange ScaleChange(ClusterInfo cluster, int replicas = 4, string ns = "shop", string name = "checkout") => new()
    {
        Cluster = cluster.Name,
        Namespace = ns,
        Target = "Deployment/" + name,
        Runbook = RunbookId.ScaleDeployment,
        Effect = RunbookEffect.Write,
        Patch = new JsonObject { ["strategicMergePatch"] = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } } },
        Summary = $"scale Deployment {ns}/{name} to {replicas} replicas",
    };

    public static ProposedChange Change(ClusterInfo cluster, RunbookId runbook, string ns = "shop") => new()
    {
        Cluster = cluster.Name,
        Namespace = runbook is RunbookId.CordonNode or RunbookId.DrainNode ? null : ns,
        Target = runbook is RunbookId.CordonNode or RunbookId.DrainNode ? "Node/ip-10-0-1-7" : "Deployment/checkout",
        Runbook = runbook,
        Effect = runbook.Effect(),
        Patch = new JsonObject { ["runbook"] = runbook.Id() },
        Summary = runbook.Action(),
    };
}
