using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.StateMachine.Execution;

namespace EksOps.Local.Tests;

/// <summary>
/// <c>eksops replay</c>'s engine on every public scenario: the alarm goes through AlarmIngest, the state machine runs
/// over the functions behind their loopback Runtime APIs, approvals are answered through the approval links, and the
/// simulated cluster is checked for exactly the planned change.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> PublicScenarios => [.. RepositoryPaths.ScenarioDirectories().Select(d => Path.GetFileName(d)!)];

    [Theory]
    [MemberData(nameof(PublicScenarios))]
    public async Task Every_public_scenario_ends_in_a_report_and_the_cluster_holds_exactly_the_planned_change(string id)
    {
        var result = await ReplayRun.RunAsync(id);

        Assert.Equal(LocalExecutionStatus.Succeeded, result.Execution.Status);
        Assert.NotNull(result.Report);
        Assert.Contains(result.Status(), new IncidentStatus?[] { IncidentStatus.Monitoring, IncidentStatus.Resolved, IncidentStatus.Escalated });
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.IncidentOpened);
        if (result.Entry("change") is null)
        {
            Assert.Empty(result.Applied());
            Assert.Equal(IncidentStatus.Escalated, result.Status());
            Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.IncidentEscalated);
            return;
        }

        var plan = result.Entry("plan")!;
        Assert.Equal(ExpectedWrites(plan), result.Applied().Select(w => (w.Verb, w.Name, w.Subresource, Body: Normalize(w.Body))).ToList());
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.RemediationApplied);
    }

    [Fact]
    public async Task A_denied_approval_changes_nothing_and_escalates()
    {
        var result = await ReplayRun.RunAsync("checkout-restarts-prod", new LocalFlowOptions { Approve = ApprovalMode.Deny, VerifyWaitSeconds = 0 });

        Assert.Empty(result.Applied());
        Assert.Equal(IncidentStatus.Escalated, result.Status());
        Assert.Equal(["Diagnose", "Analyze", "Plan", "Decide", "RequestApproval", "Escalate", "Escalated"], result.StatePath());
        Assert.Equal(false, (bool?)result.Entry("approval")?["approved"]);
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.ApprovalRequested);
        Assert.Single(result.Events, e => e.Event.DetailType == IncidentEventTypes.IncidentEscalated);
        Assert.Contains("denied", result.Report!.ToJson().ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_approved_production_change_is_applied_once_with_the_approval()
    {
        var result = await ReplayRun.RunAsync("checkout-restarts-prod", new LocalFlowOptions { Approve = ApprovalMode.Auto, VerifyWaitSeconds = 0 });

        Assert.Equal(["Diagnose", "Analyze", "Plan", "Decide", "RequestApproval", "Apply", "WaitBeforeVerify", "Verify", "VerifyOutcome", "Report", "Done"], result.StatePath());
        Assert.Equal("approve", (string?)result.Entry("plan")!["decision"]);
        Assert.Equal(true, (bool?)result.Entry("approval")!["approved"]);
        Assert.Equal(ExpectedWrites(result.Entry("plan")!), result.Applied().Select(w => (w.Verb, w.Name, w.Subresource, Body: Normalize(w.Body))).ToList());
    }

    // What the cluster must have received for the plan: its patch, exactly once, on its target (a drain also evicts).
    private static List<(string Verb, string Name, string? Subresource, string Body)> ExpectedWrites(JsonObject plan)
    {
        var patch = plan["change"]!["patch"]!.AsObject();
        string name = (string)plan["target"]!["name"]!;
        var writes = new List<(string, string, string?, string)>();
        if (patch["strategicMergePatch"] is { } merge)
        {
            writes.Add(("PATCH", name, null, Normalize(merge.ToJsonString())));
        }

        if (patch["jsonPatch"] is { } json)
        {
            writes.Add(("PATCH", name, null, Normalize(json.ToJsonString())));
        }

        if (patch["delete"] is { } delete)
        {
            writes.Add(("DELETE", name, null, "*"));
        }

        foreach (var eviction in patch["evictions"]?.AsArray() ?? [])
        {
            writes.Add(("POST", (string)eviction!["name"]!, "eviction", "*"));
        }

        return writes;
    }

    // Bodies compare as JSON; deletes and evictions carry options whose exact text is not the point here.
    private static string Normalize(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "*";
        }

        var node = JsonNode.Parse(body);
        return node is JsonObject o && ((string?)o["kind"] is "DeleteOptions" or "Eviction" || o.ContainsKey("preconditions")) ? "*" : Canonical(node)!.ToJsonString();
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
