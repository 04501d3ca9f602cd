using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;

namespace EksOps.IncidentFlow.Tests;

/// <summary>Scenarios whose proposal runs without approval (development, staging): diagnose → analyze → plan (auto) → apply → verify → report.</summary>
public class AutoRemediationTests
{
    [Fact]
    public async Task A_bad_rollout_in_development_is_rolled_back_and_the_cluster_shows_exactly_the_runbooks_change()
    {
        await using var served = await ServedFlow.StartAsync("docs-portal-restarts-dev");
        var flow = served.Services();
        var before = await served.ReadAsync("Deployment", "docs", "docs-portal");

        var plan = await served.PlanAsync(flow);
        var applied = await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());

        Assert.Equal(PlanDecisions.Auto, (string?)plan["decision"]);
        Assert.Equal("rollback-deployment", (string?)plan["runbook"]);
        Assert.Equal(IncidentStatus.Remediating, (await served.RecordAsync()).Status);
        Assert.True((bool)applied["applied"]!);
        Assert.False((bool)applied["alreadyApplied"]!);
        var planned = await served.EntryAsync(TimelineKeys.Plan);
        var write = Assert.Single(served.RealWrites);
        Assert.Equal("application/json-patch+json", write.PatchType);
        Assert.True(JsonNode.DeepEquals(planned["change"]!["patch"]!["jsonPatch"], JsonNode.Parse(write.Body)));
        var after = await served.ReadAsync("Deployment", "docs", "docs-portal");
        Assert.True(JsonNode.DeepEquals(planned["change"]!["patch"]!["jsonPatch"]![0]!["value"], after["spec"]!["template"]));
        Assert.False(JsonNode.DeepEquals(before["spec"]!["template"], after["spec"]!["template"]));
        var unchanged = (JsonObject)before["spec"]!.DeepClone();
        unchanged.Remove("template");
        var rest = (JsonObject)after["spec"]!.DeepClone();
        rest.Remove("template");
        Assert.True(JsonNode.DeepEquals(unchanged, rest));
        var published = Assert.Single(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        Assert.Equal("rollback-deployment", (string?)published.Event.Detail["runbook"]);
        Assert.Equal((string?)plan["patchHash"], (string?)published.Event.Detail["patchHash"]);
        Assert.Equal(served.IncidentId, (string?)published.Event.Detail["incidentId"]);
    }

    [Fact]
    public async Task An_hpa_at_its_maximum_in_staging_gets_a_higher_maximum_and_the_incident_is_monitored_while_the_alarm_stays_in_alarm()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();

        var plan = await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        var verified = await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());
        var reported = await flow.Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());

        Assert.Equal(PlanDecisions.Auto, (string?)plan["decision"]);
        Assert.Equal("raise-hpa-max", (string?)plan["runbook"]);
        var write = Assert.Single(served.RealWrites);
        Assert.Equal("""{"spec":{"maxReplicas":9}}""", write.Body);
        Assert.Equal(9L, (long)(await served.ReadAsync("HorizontalPodAutoscaler", "web", "web-frontend"))["spec"]!["maxReplicas"]!);
        Assert.Equal(VerificationOutcomes.Pending, (string?)verified["outcome"]);
        Assert.Equal("ALARM", (string?)verified["alarmState"]);
        Assert.Equal("Monitoring", (string?)reported["status"]);
        Assert.Equal(IncidentStatus.Monitoring, (await served.RecordAsync()).Status);
        Assert.Empty(served.Events.OfType(IncidentEventTypes.IncidentResolved));
        Assert.Single(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        var report = await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken);
        Assert.NotNull(report);
        Assert.Equal("monitoring", report.Outcome);
        Assert.Equal("capacity-saturation", report.RootCause);
        Assert.Equal([new ReportFieldChange("spec.maxReplicas", "6", "9")], report.Change!.Changes);
    }

    [Fact]
    public async Task The_report_markdown_names_the_root_cause_shows_the_diff_and_lists_the_timeline_in_flow_order()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());
        await flow.Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());

        var report = (await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken))!;
        string markdown = IncidentReportMarkdown.Render(report);

        Assert.Contains("| Root cause | **capacity-saturation** (confidence", markdown, StringComparison.Ordinal);
        Assert.Contains("```diff\n- spec.maxReplicas: 6\n+ spec.maxReplicas: 9\n```", markdown, StringComparison.Ordinal);
        Assert.Contains("## Timeline", markdown, StringComparison.Ordinal);
        string[] order = ["`diagnosis`", "`analysis`", "`plan`", "`change`", "`verification`"];
        var positions = order.Select(key => markdown.IndexOf(key, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.StartsWith($"# Incident {served.IncidentId}: MONITORING", markdown, StringComparison.Ordinal);
    }
}
