using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.IncidentFlow.Tests;

/// <summary>The report's JSON form and its Markdown rendering.</summary>
public class ReportTests
{
    [Fact]
    public async Task A_stored_report_reads_back_equal_to_what_was_written()
    {
        await using var served = await ServedFlow.StartAsync("checkout-restarts-prod");
        var flow = served.Services();
        await served.PlanAsync(flow);
        await served.ApproveAsync();
        await flow.Remediate.HandleAsync(served.Payload(StepNames.Apply), ServedFlow.Context());
        await flow.Investigate.HandleAsync(served.Payload(StepNames.Verify), ServedFlow.Context());
        await flow.Report.HandleAsync(served.Payload(StepNames.Report), ServedFlow.Context());

        var stored = await served.EntryAsync(TimelineKeys.Report);
        var report = IncidentReport.FromJson(stored);

        Assert.True(JsonNode.DeepEquals(stored, report.ToJson()));
        Assert.Equal("approve", report.Plan!.Decision);
        Assert.Equal("arn:aws:iam::123456789012:user/oncall", report.Approval!.Approver);
        Assert.True(report.Approval.Approved);
        Assert.Equal("arn:aws:iam::123456789012:user/oncall", report.Change!.ApprovedBy);
        Assert.Equal([new ReportFieldChange("spec.template.spec.containers[app].resources.limits.memory", "512Mi", "768Mi")], report.Change.Changes);
        Assert.Equal("pending", report.Verification!.Outcome);
        Assert.Equal("oom-killed", report.RootCause);
        Assert.Contains(report.Findings, f => f.Supporting && f.Kind == "OomKilled");
        Assert.StartsWith("Monitoring: oom-killed on Deployment shop/checkout", report.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_a_report_is_refused()
    {
        Assert.Throws<JsonException>(() => IncidentReport.FromJson(new JsonObject { ["incidentId"] = 3 }));
    }

    [Fact]
    public void Table_cells_keep_their_columns_when_a_value_holds_a_pipe_or_a_line_break()
    {
        var report = new IncidentReport
        {
            IncidentId = "i-1",
            Headline = "Escalated: x",
            Outcome = "escalated",
            Status = "Escalated",
            GeneratedAt = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
            Alarm = new ReportAlarm { Name = "a", Arn = "arn" },
            Timeline = [new ReportTimelineItem(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), "plan", "Plan", "a | b\nc")],
        };

        string markdown = IncidentReportMarkdown.Render(report);

        Assert.Contains("| 2026-01-02 03:04:05Z | `plan` | a \\| b c |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Root cause | (not analyzed) |", markdown, StringComparison.Ordinal);
    }
}
