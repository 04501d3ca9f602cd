using System.Text.Json.Nodes;

namespace EksOps.Tools.Tests;

public sealed class ToolCatalogTests
{
    public static TheoryData<string, ToolPolicyClass, bool, bool, bool, bool, string[]> Tools() => new()
    {
        { "list_k8s_resources", ToolPolicyClass.Read, true, false, true, false, ["kind", "apiVersion", "namespace", "labelSelector", "fieldSelector", "limit"] },
        { "get_k8s_resource", ToolPolicyClass.Read, true, false, true, false, ["kind", "apiVersion", "namespace", "name"] },
        { "get_pod_logs", ToolPolicyClass.SensitiveRead, true, false, true, false, ["namespace", "pod", "container", "previous", "tailLines", "sinceSeconds", "limitBytes"] },
        { "get_k8s_events", ToolPolicyClass.SensitiveRead, true, false, true, false, ["namespace", "involvedKind", "involvedName", "involvedUid", "sinceSeconds"] },
        { "get_cloudwatch_metrics", ToolPolicyClass.Read, true, false, true, false, ["namespace", "metricName", "dimensions", "stat", "period", "startTime", "endTime", "minutes"] },
        { "query_cloudwatch_logs", ToolPolicyClass.SensitiveRead, true, false, true, false, ["logType", "logGroupName", "query", "filterPattern", "startTime", "endTime", "minutes", "limit"] },
        { "get_alarm", ToolPolicyClass.Read, true, false, true, false, ["alarmName", "historyItems"] },
        { "execute_runbook", ToolPolicyClass.Write, false, true, false, false, ["runbook", "target", "parameters", "dryRun"] },
        { "create_incident", ToolPolicyClass.Write, false, false, false, true, ["title", "severity", "summary", "findings", "links"] },
    };

    [Theory]
    [MemberData(nameof(Tools))]
    public void Each_v1_tool_is_defined_as_issue_5_lists_it(string name, ToolPolicyClass policyClass, bool readOnly, bool destructive, bool idempotent, bool openWorld, string[] parameters)
    {
        var tool = Assert.Single(ToolCatalog.All, t => t.Name == name);

        Assert.Equal(policyClass, tool.PolicyClass);
        Assert.Equal(new ToolAnnotations(readOnly, destructive, idempotent, openWorld), tool.Annotations);
        Assert.Equal(parameters, tool.Parameters.Select(p => p.Name));
        Assert.Equal("object", tool.CreateOutputSchema()["type"]!.GetValue<string>());
    }

    [Fact]
    public void The_catalogue_has_exactly_the_nine_v1_tools()
    {
        Assert.Equal(Tools().Select(row => row.Data.Item1), ToolCatalog.All.Select(t => t.Name));
    }

    [Fact]
    public void Execute_runbook_offers_exactly_the_runbook_catalogue_and_dry_runs_by_default()
    {
        var runbook = ToolCatalog.ExecuteRunbook.FindParameter("runbook")!;

        Assert.Equal(EksOps.Incidents.Runbooks.Ids, runbook.Enum);
        Assert.Equal("dryRun", ToolCatalog.ExecuteRunbook.DryRunParameter);
        Assert.True(ToolCatalog.ExecuteRunbook.FindParameter("dryRun")!.Default!.GetValue<bool>());
    }

    [Fact]
    public void Logs_keep_their_newest_lines_when_cut()
    {
        Assert.Equal(TruncationMode.KeepEnd, ToolCatalog.GetPodLogs.Truncation);
    }

    [Theory]
    [InlineData("""{"kind": "Secret", "namespace": "shop", "name": "db"}""", "shop", ToolPolicyClass.SensitiveRead)]
    [InlineData("""{"kind": "Pod", "namespace": "shop", "name": "p"}""", "shop", ToolPolicyClass.Read)]
    [InlineData("""{"kind": "Node", "name": "ip-10-0-1-7"}""", null, ToolPolicyClass.Read)]
    [InlineData("""{"kind": "Pod", "name": "p"}""", "*", ToolPolicyClass.Read)]
    public void Kubernetes_reads_scope_to_their_namespace_and_secrets_are_sensitive(string args, string? ns, ToolPolicyClass policyClass)
    {
        var scope = ToolCatalog.GetK8sResource.ResolveScope(ToolArguments.Bind(ToolCatalog.GetK8sResource, JsonNode.Parse(args)!.AsObject()));

        Assert.Equal(new ToolCallScope(ns, policyClass), scope);
    }

    [Fact]
    public void A_container_insights_metric_of_a_namespace_is_within_that_namespace()
    {
        var args = ToolArguments.Bind(ToolCatalog.GetCloudWatchMetrics, JsonNode.Parse("""{"namespace": "ContainerInsights", "metricName": "m", "dimensions": {"Namespace": "shop"}}""")!.AsObject());

        Assert.Equal("shop", ToolCatalog.GetCloudWatchMetrics.ResolveScope(args).Namespace);
    }

    [Fact]
    public void A_node_runbook_has_no_namespace_and_a_workload_runbook_has_its_own()
    {
        var node = ToolArguments.Bind(ToolCatalog.ExecuteRunbook, JsonNode.Parse("""{"runbook": "cordon-node", "target": {"kind": "Node", "name": "ip-10-0-1-7"}}""")!.AsObject());
        var workload = ToolArguments.Bind(ToolCatalog.ExecuteRunbook, JsonNode.Parse("""{"runbook": "restart-rollout", "target": {"kind": "Deployment", "namespace": "shop", "name": "c"}}""")!.AsObject());

        Assert.Null(ToolCatalog.ExecuteRunbook.ResolveScope(node).Namespace);
        Assert.Equal("shop", ToolCatalog.ExecuteRunbook.ResolveScope(workload).Namespace);
    }
}
