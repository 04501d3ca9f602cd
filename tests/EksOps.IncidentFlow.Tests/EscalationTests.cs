using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Tools.Readers;
using EksOps.Testing.Scenarios;

namespace EksOps.IncidentFlow.Tests;

/// <summary><c>escalate</c> reports what exists whatever failed, publishes Incident Escalated once, and a Kubernetes API that times out ends there with nothing applied.</summary>
public class EscalationTests
{
    [Fact]
    public async Task A_task_failure_before_any_diagnosis_still_produces_a_report_and_one_escalation_event()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        var state = new JsonObject
        {
            ["incidentId"] = served.IncidentId,
            ["alarm"] = JsonNode.Parse(served.Scenario.Alarm.Json.GetRawText()),
            ["error"] = new JsonObject
            {
                ["Error"] = "Lambda.Unknown",
                ["Cause"] = """{"errorMessage":"The Investigate function timed out after 120 seconds","errorType":"Sandbox.Timeout"}""",
            },
        };

        var first = await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, state), ServedFlow.Context());
        var second = await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, state), ServedFlow.Context());

        Assert.Equal("Escalated", (string?)first["status"]);
        Assert.Equal("the Lambda.Unknown error stopped the flow: The Investigate function timed out after 120 seconds", (string?)first["reason"]);
        Assert.True(JsonNode.DeepEquals(first["eventIds"], second["eventIds"]));
        var escalated = Assert.Single(served.Events.OfType(IncidentEventTypes.IncidentEscalated));
        Assert.Equal(served.Scenario.Alarm.StateChange.AlarmName, (string?)escalated.Event.Detail["alarm"]!["name"]);
        Assert.False((bool)escalated.Event.Detail["applied"]!);
        Assert.Equal("Lambda.Unknown", (string?)escalated.Event.Detail["error"]!["Error"]);
        var record = await served.RecordAsync();
        Assert.Equal(IncidentStatus.Escalated, record.Status);
        Assert.NotNull(record.ClosedAt);
        var report = (await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken))!;
        Assert.Null(report.RootCause);
        Assert.Equal("ALARM", report.Alarm.State);
        Assert.Equal(escalated.EventId, report.Escalation!.EventId);
        string markdown = IncidentReportMarkdown.Render(report);
        Assert.Contains("The diagnosis did not run; nothing was read.", markdown, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied to the cluster.", markdown, StringComparison.Ordinal);
        Assert.Contains("Error `Lambda.Unknown`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubernetes_api_that_times_out_ends_in_an_escalation_with_a_report_and_nothing_applied()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod", kubernetes: kubeconfig => new TimingOutKubernetes(kubeconfig));
        var flow = served.Services();

        var diagnosed = await flow.Investigate.HandleAsync(served.Payload(StepNames.Diagnose), ServedFlow.Context());
        var analyzed = await flow.Investigate.HandleAsync(served.Payload(StepNames.Analyze), ServedFlow.Context());
        var plan = await flow.Remediate.HandleAsync(served.Payload(StepNames.Plan), ServedFlow.Context());
        var escalated = await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, new JsonObject { ["incidentId"] = served.IncidentId }), ServedFlow.Context());

        Assert.Equal("unknown", (string?)diagnosed["rootCause"]);
        Assert.True((int)diagnosed["reads"]! > 0);
        var timeline = await served.Store.GetTimelineAsync(served.IncidentId, TestContext.Current.CancellationToken);
        var kubernetesReads = timeline.Where(e => e.Kind == TimelineKind.ToolCall && ReadToolHandlers.KubernetesTools.Contains((string)e.Data!["tool"]!)).ToList();
        Assert.NotEmpty(kubernetesReads);
        Assert.All(kubernetesReads, r => Assert.Equal("Failed (timeout)", (string?)r.Data!["status"]));
        Assert.Equal("escalate", (string?)analyzed["runbook"]);
        Assert.Equal(PlanDecisions.Escalate, (string?)plan["decision"]);
        Assert.Equal((string?)plan["reason"], (string?)escalated["reason"]);
        Assert.Empty(served.Environment.Kubernetes.Writes);
        Assert.Empty(served.Events.OfType(IncidentEventTypes.RemediationApplied));
        Assert.Single(served.Events.OfType(IncidentEventTypes.IncidentEscalated));
        var report = (await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken))!;
        Assert.True(report.Evidence!.FailedReads > 0);
        Assert.Contains(report.Evidence.Failures, f => f.EndsWith("Failed (timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_denied_approval_is_escalated_with_the_approvers_reason()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        var state = new JsonObject { ["error"] = new JsonObject { ["Error"] = "ApprovalDenied", ["Cause"] = "denied by oncall: not during the sale" } };

        var escalated = await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, state), ServedFlow.Context());

        Assert.Equal("a human denied the planned change: denied by oncall: not during the sale", (string?)escalated["reason"]);
        var detail = Assert.Single(served.Events.OfType(IncidentEventTypes.IncidentEscalated)).Event.Detail;
        Assert.Equal("approve", (string?)detail["decision"]);
        Assert.Equal("oom-killed", (string?)detail["rootCause"]);
        Assert.Empty(served.RealWrites);
    }

    [Fact]
    public async Task An_escalation_after_a_failed_report_step_keeps_that_report_and_writes_its_own_beside_it()
    {
        await using var served = await ServedFlow.StartAsync("web-frontend-latency-staging");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());
        await flow.Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());

        await flow.Report.HandleAsync(served.Payload(StepNames.Escalate, new JsonObject { ["error"] = new JsonObject { ["Error"] = "States.TaskFailed", ["Cause"] = "the report step's response was lost" } }), ServedFlow.Context());

        Assert.Equal("monitoring", (string?)(await served.EntryAsync(TimelineKeys.Report))["outcome"]);
        Assert.Equal("escalated", (string?)(await served.EntryAsync(TimelineKeys.EscalationReport))["outcome"]);
        Assert.Equal("escalated", (await IncidentReport.LoadAsync(served.Store, served.IncidentId, TestContext.Current.CancellationToken))!.Outcome);
        Assert.Equal(IncidentStatus.Escalated, (await served.RecordAsync()).Status);
    }

    [Fact]
    public async Task An_incident_missing_from_the_store_is_still_escalated_from_the_execution_state()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var payload = new JsonObject
        {
            ["step"] = StepNames.Escalate,
            ["incidentId"] = "never-opened",
            ["state"] = new JsonObject { ["alarm"] = JsonNode.Parse(served.Scenario.Alarm.Json.GetRawText()), ["error"] = new JsonObject { ["Error"] = "IncidentNotFoundException", ["Cause"] = "no incident" } },
        };

        var escalated = await served.Services().Report.HandleAsync(payload, ServedFlow.Context());

        Assert.Equal("Escalated", (string?)escalated["status"]);
        var published = Assert.Single(served.Events.OfType(IncidentEventTypes.IncidentEscalated));
        Assert.Equal("never-opened", published.Event.IncidentId);
        Assert.Equal(served.Scenario.Alarm.StateChange.AlarmArn, Assert.Single(published.Event.Resources));
    }
}
