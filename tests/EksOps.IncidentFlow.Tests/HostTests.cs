using System.Text.Json.Nodes;
using EksOps.IncidentStore;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Tests;

/// <summary><see cref="IncidentFlowHost"/>: each function composed from its environment, as the Lambda initializer does.</summary>
/// <remarks>
/// The AWS SDK's default credential chain (which the EksOps.Aws pipelines use) reads the process environment, not the
/// variables given to the host; without keys there it would go on to probe EC2 instance metadata off the machine. The
/// test that reaches the simulated CloudWatch therefore sets the placeholder keys in the process, in a collection that
/// runs alone.
/// </remarks>
[Collection(ProcessEnvironment.Name)]
public class HostTests
{
    [Fact]
    public void The_report_function_needs_only_its_store_and_bus()
    {
        using var host = IncidentFlowHost.FromEnvironment(IncidentFlowFunction.Report, Variables(new() { ["EKSOPS_INCIDENT_STORE"] = "memory", ["AWS_REGION"] = "us-east-1" }));

        Assert.Equal(["escalate", "report"], host.Router.Steps);
        Assert.IsType<InMemoryIncidentStore>(host.Services.Dependencies.Store);
    }

    [Fact]
    public void Investigate_without_a_cluster_registry_fails_at_start_up_naming_what_is_missing()
    {
        var thrown = Assert.Throws<ClusterRegistryException>(() =>
            IncidentFlowHost.FromEnvironment(IncidentFlowFunction.Investigate, Variables(new() { ["EKSOPS_INCIDENT_STORE"] = "memory", ["AWS_REGION"] = "us-east-1" })));

        Assert.Contains("EKSOPS_CLUSTERS", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_without_its_table_fails_at_start_up()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => IncidentFlowHost.FromEnvironment(IncidentFlowFunction.Report, Variables([])));

        Assert.Contains("EKSOPS_INCIDENT_TABLE", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Investigate_composed_from_the_environment_diagnoses_and_analyzes_a_served_scenario()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var clusters = new JsonObject
        {
            ["defaultCluster"] = served.Cluster.Name,
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = served.Cluster.Name,
                ["region"] = served.Cluster.Region,
                ["accountId"] = served.Cluster.AccountId,
                ["environment"] = "production",
                ["kubeconfig"] = served.Cluster.Kubeconfig,
            }),
        };
        // The simulator accepts any SigV4 signature; these are the documented placeholder keys.
        using var keys = ProcessEnvironment.Set(("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        using var host = IncidentFlowHost.FromEnvironment(IncidentFlowFunction.Investigate, Variables(new()
        {
            ["EKSOPS_INCIDENT_STORE"] = "memory",
            ["EKSOPS_CLUSTERS"] = clusters.ToJsonString(),
            ["EKSOPS_ANALYST_MODE"] = "deterministic",
            ["EKSOPS_ENDPOINT_MONITORING"] = served.Environment.CloudWatch.Endpoint.ToString(),
            ["EKSOPS_ENDPOINT_LOGS"] = served.Environment.CloudWatch.Endpoint.ToString(),
            ["AWS_REGION"] = served.Cluster.Region,
        }), served.Clock);
        var record = await served.RecordAsync();
        await host.Services.Dependencies.Store.OpenOrJoinAsync(record, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken);

        var diagnosed = await host.Router.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());
        var analyzed = await host.Router.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context());

        Assert.Equal(["analyze", "diagnose", "verify"], host.Router.Steps);
        Assert.Equal("oom-killed", (string?)diagnosed["rootCause"]);
        Assert.Equal("increase-memory-limit", (string?)analyzed["runbook"]);
        Assert.Equal("deterministic", (string?)analyzed["decidedBy"]);
        var timeline = await host.Services.Dependencies.Store.GetTimelineAsync(served.IncidentId, TestContext.Current.CancellationToken);
        Assert.Contains(timeline, e => e.Kind == TimelineKind.ToolCall && (string?)e.Data!["tool"] == "get_alarm" && (string?)e.Data["status"] == "Success");
    }

    private static Func<string, string?> Variables(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);
}
