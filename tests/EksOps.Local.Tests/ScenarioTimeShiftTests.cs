using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Scenarios;
using EksOps.StateMachine.Execution;

namespace EksOps.Local.Tests;

/// <summary>
/// Moving a scenario in time, so a function process on the system clock sees it live: every written date-time moves by
/// the offset and nothing else changes, and the moved incident replays as the original does.
/// </summary>
public sealed partial class ScenarioTimeShiftTests
{
    private static readonly TimeSpan Offset = new(days: 17, hours: 5, minutes: 13, seconds: 0);

    [Fact]
    public void Every_date_time_of_the_alarm_the_objects_the_logs_and_the_metrics_moves_by_the_offset_and_nothing_else_changes()
    {
        var original = Load("checkout-restarts-prod");

        var moved = ScenarioTimeShift.Shift(original, Offset);

        Assert.Equal(original.Now + Offset, moved.Now);
        Assert.Equal(original.Alarm.StateChange.State.Timestamp + Offset, moved.Alarm.StateChange.State.Timestamp);
        AssertMovedText(Encoding.UTF8.GetString(original.Alarm.Utf8Json.Span), Encoding.UTF8.GetString(moved.Alarm.Utf8Json.Span));
        Assert.Equal(Encoding.UTF8.GetString(moved.Alarm.Utf8Json.Span).Trim(), moved.Alarm.Json.GetRawText());
        Assert.Equal(original.Objects.Count, moved.Objects.Count);
        for (int i = 0; i < original.Objects.Count; i++)
        {
            AssertMovedText(original.Objects[i].ToJsonString(), moved.Objects[i].ToJsonString());
        }

        Assert.Equal(original.Logs.Select(l => (l.Namespace, l.Pod, l.Container, l.Previous)), moved.Logs.Select(l => (l.Namespace, l.Pod, l.Container, l.Previous)));
        for (int i = 0; i < original.Logs.Count; i++)
        {
            AssertMovedText(original.Logs[i].Text, moved.Logs[i].Text);
        }

        Assert.Equal(
            original.Metrics.SelectMany(m => m.Points).Select(p => (p.Timestamp + Offset, p.Value)),
            moved.Metrics.SelectMany(m => m.Points).Select(p => (p.Timestamp, p.Value)));
        Assert.Equal(original.Expect, moved.Expect);
        Assert.Equal((original.Id, original.Cluster, original.Directory), (moved.Id, moved.Cluster, moved.Directory));
    }

    [Fact]
    public void The_original_scenario_is_left_as_it_was()
    {
        var original = Load("checkout-restarts-prod");
        var objects = original.Objects.Select(o => o.ToJsonString()).ToList();

        _ = ScenarioTimeShift.Shift(original, Offset);

        Assert.Equal(objects, original.Objects.Select(o => o.ToJsonString()));
    }

    [Fact]
    public void Epoch_times_of_JSON_log_lines_near_the_incident_move_and_other_numbers_and_bare_dates_do_not()
    {
        var scenario = Load("checkout-restarts-prod");
        long nearMs = scenario.Now.AddMinutes(-3).ToUnixTimeMilliseconds();
        long nearSeconds = scenario.Now.AddMinutes(-2).ToUnixTimeSeconds();
        long farMs = scenario.Now.AddYears(-3).ToUnixTimeMilliseconds();
        string text = string.Join('\n',
            $$"""{"level":30,"time":{{nearMs}},"msg":"request","bytes":1795720200053}""",
            $$"""{"ts":{{nearSeconds}}.125,"msg":"tick"}""",
            $$"""{"time":{{farMs}},"msg":"old"}""",
            "exporting invoices for date=2026-11-30");
        var withLog = scenario with { Logs = [scenario.Logs[0] with { Text = text }] };

        var moved = ScenarioTimeShift.Shift(withLog, Offset).Logs[0].Text.Split('\n');

        Assert.Equal($$"""{"level":30,"time":{{nearMs + (long)Offset.TotalMilliseconds}},"msg":"request","bytes":1795720200053}""", moved[0]);
        Assert.Equal($$"""{"ts":{{nearSeconds + (long)Offset.TotalSeconds}}.125,"msg":"tick"}""", moved[1]);
        Assert.Equal($$"""{"time":{{farMs}},"msg":"old"}""", moved[2]);
        Assert.Equal("exporting invoices for date=2026-11-30", moved[3]);
    }

    [Fact]
    public void Moving_to_an_instant_keeps_whole_minutes_and_lands_at_most_a_minute_before_it()
    {
        var scenario = Load("docs-portal-restarts-dev");
        var target = new DateTimeOffset(2027, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

        var moved = ScenarioTimeShift.MoveTo(scenario, target);

        Assert.InRange(moved.Now, target.AddMinutes(-1).AddTicks(1), target);
        Assert.Equal(0, (moved.Now - scenario.Now).Ticks % TimeSpan.TicksPerMinute);
    }

    [Fact]
    public void An_offset_with_a_fraction_of_a_second_is_refused()
    {
        var scenario = Load("docs-portal-restarts-dev");

        var error = Assert.Throws<ArgumentException>(() => ScenarioTimeShift.Shift(scenario, TimeSpan.FromMilliseconds(1500)));

        Assert.Equal("offset", error.ParamName);
    }

    [Theory]
    [InlineData("checkout-restarts-prod")]
    [InlineData("web-frontend-latency-staging")]
    public async Task A_moved_scenario_replays_along_the_same_path_to_the_same_root_cause(string id)
    {
        var original = Load(id);
        var moved = ScenarioTimeShift.MoveTo(original, DateTimeOffset.UtcNow);

        var before = await ReplayAsync(original);
        var after = await ReplayAsync(moved);

        Assert.Equal(LocalExecutionStatus.Succeeded, after.Execution.Status);
        Assert.Equal(before.StatePath(), after.StatePath());
        Assert.Equal(before.Incident?.RootCause, after.Incident?.RootCause);
        var diagnosisBefore = before.Entry("diagnosis")!;
        var diagnosisAfter = after.Entry("diagnosis")!;
        Assert.Equal((double)diagnosisBefore["confidence"]!, (double)diagnosisAfter["confidence"]!);
        Assert.Equal(diagnosisBefore["findings"]!.AsArray().Count, diagnosisAfter["findings"]!.AsArray().Count);
        // The same reads, with the same outcomes: the moved metrics, events and logs were found where the original ones were.
        Assert.Equal(Reads(diagnosisBefore), Reads(diagnosisAfter));
        Assert.NotEmpty(Reads(diagnosisAfter));
    }

    private static List<string> Reads(JsonObject diagnosis) =>
        [.. diagnosis["evidence"]!.AsArray().Select(e => $"{(string?)e!["tool"]} {(string?)e["outcome"]} {e["bytes"]?.ToJsonString()}")];

    private static Scenario Load(string id) => ScenarioLoader.Load(Path.Combine(RepositoryPaths.Scenarios, id));

    private static async Task<LocalReplayResult> ReplayAsync(Scenario scenario)
    {
        await using var served = await LocalScenario.StartAsync(scenario, TestContext.Current.CancellationToken);
        await using var flow = await LocalIncidentFlow.StartAsync(served, new LocalFlowOptions { VerifyWaitSeconds = 0 }, TestContext.Current.CancellationToken);
        return await flow.ReplayAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>The moved text is the original with each date-time (and nothing else) moved by the offset.</summary>
    private static void AssertMovedText(string original, string moved)
    {
        var before = DateTimes().Matches(original);
        var after = DateTimes().Matches(moved);
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(Parse(before[i].Value) + Offset, Parse(after[i].Value));
        }

        Assert.Equal(DateTimes().Replace(original, "<time>"), DateTimes().Replace(moved, "<time>"));
    }

    private static DateTime Parse(string text) =>
        DateTime.ParseExact(text.Replace(' ', 'T'), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?!\d)")]
    private static partial Regex DateTimes();
}
