using System.Text.Json;
using EksOps.Alarms;
using EksOps.Aws;
using EksOps.Lambda;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>The handler with <c>EKSOPS_ALARM_TAGS</c>: which alarms it acts on, what it reads, and how it fails.</summary>
public class AlarmTagFilterHandlerTests
{
    private const string Filter = "eksops:managed=true,team=payments";

    private static string ArnOf(JsonElement alarmEvent) => AlarmEventParser.Parse(alarmEvent).AlarmArn;

    private static TestLambdaContext Context() => new() { CancellationToken = TestContext.Current.CancellationToken };

    [Theory]
    [InlineData("cloudwatch-alarm-metric.json", "Metric")]
    [InlineData("cloudwatch-alarm-metric-math.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-anomaly.json", "AnomalyDetection")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json", "MetricMath")]
    [InlineData("cloudwatch-alarm-lambda-action-composite.json", "Composite")]
    public async Task An_alarm_of_any_kind_with_the_required_tags_opens_an_incident(string file, string kind)
    {
        var alarmEvent = SampleEvents.Element(file);
        var tags = new RecordingAlarmTagSource().Set(ArnOf(alarmEvent), ("eksops:managed", "true"), ("team", "payments"), ("other", "x"));
        await using var harness = IngestHarness.WithTagFilter(Filter, tags);

        var result = await harness.HandleAsync(alarmEvent);

        Assert.Equal(IncidentDecision.Open, result.Decision);
        Assert.Equal(kind, result.AlarmKind);
        Assert.Null(result.MissingAlarmTags);
        Assert.Equal([result.AlarmArn], tags.Reads);
        Assert.Single(harness.StepFunctions.Requests);
        Assert.Single(harness.Store.Incidents);
    }

    [Theory]
    [InlineData("cloudwatch-alarm-metric.json")]
    [InlineData("cloudwatch-alarm-metric-math.json")]
    [InlineData("cloudwatch-alarm-anomaly.json")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json")]
    [InlineData("cloudwatch-alarm-lambda-action-composite.json")]
    public async Task An_alarm_of_any_kind_without_them_is_ignored_with_the_unmet_requirements_and_touches_nothing(string file)
    {
        var alarmEvent = SampleEvents.Element(file);
        var tags = new RecordingAlarmTagSource().Set(ArnOf(alarmEvent), ("team", "checkout"));
        await using var harness = IngestHarness.WithTagFilter(Filter, tags);

        var result = await harness.HandleAsync(alarmEvent);

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Equal(["eksops:managed=true", "team=payments"], result.MissingAlarmTags);
        Assert.Equal(
            "The alarm's tags do not match EKSOPS_ALARM_TAGS (eksops:managed=true,team=payments): no tag eksops:managed; " +
            "team is \"checkout\", not \"payments\". AlarmIngest does not act on it.",
            result.Reason);
        Assert.Null(result.ExecutionName);
        Assert.Null(result.IncidentId);
        Assert.Equal(0, harness.StoreCalls.Total);
        Assert.Empty(harness.StepFunctions.Requests);
        Assert.Empty(harness.Events.Events);
    }

    [Fact]
    public async Task An_ignored_alarm_is_logged_at_INFO_with_the_reason_and_counted_as_AlarmsIgnored_by_reason()
    {
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        await using var harness = IngestHarness.WithTagFilter(Filter, new RecordingAlarmTagSource());
        var context = Context();

        var result = await harness.HandleAsync(alarmEvent, context);

        var entry = Assert.Single(context.TestLogger.Entries);
        Assert.Equal(LambdaLogLevel.Information, entry.Level);
        Assert.Equal("Ignore: " + result.Reason, entry.Message);
        Assert.Equal("AlarmTags", entry.Properties!["ignoredBecause"]);
        Assert.Equal("eksops:managed=true,team=payments", entry.Properties["missingAlarmTags"]);
        Assert.Equal("ServerCpuTooHigh", entry.Properties["alarmName"]);
        Assert.Equal([1.0], context.TestMetrics.ValuesOf("AlarmEvents"));
        Assert.Contains(new KeyValuePair<string, string>("Decision", "Ignore"), context.TestMetrics.Dimensions);
        var pushed = Assert.Single(context.TestMetrics.Pushed);
        Assert.Equal([new KeyValuePair<string, string>("Reason", "AlarmTags")], pushed.Dimensions);
        Assert.Equal([new MetricValue("AlarmsIgnored", 1, MetricUnit.Count)], pushed.Metrics);
    }

    [Fact]
    public async Task The_result_names_the_missing_tags_in_JSON()
    {
        await using var harness = IngestHarness.WithTagFilter("owner", new RecordingAlarmTagSource());

        var result = await harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-metric.json"));

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(result, AlarmIngestJsonContext.Default.AlarmIngestResult));
        Assert.Equal("Ignore", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("owner", json.RootElement.GetProperty("missingAlarmTags")[0].GetString());
    }

    [Theory]
    [InlineData("INSUFFICIENT_DATA", "OK", "InsufficientData")]
    [InlineData("OK", "INSUFFICIENT_DATA", "NotFromAlarm")]
    public async Task Transitions_ignored_anyway_read_no_tags_and_count_their_own_reason(string state, string previous, string reason)
    {
        var tags = new RecordingAlarmTagSource();
        await using var harness = IngestHarness.WithTagFilter(Filter, tags);
        var context = Context();

        var result = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", state, previous), context);

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Null(result.MissingAlarmTags);
        Assert.Empty(tags.Reads);
        Assert.Equal([new KeyValuePair<string, string>("Reason", reason)], Assert.Single(context.TestMetrics.Pushed).Dimensions);
    }

    [Fact]
    public async Task A_composite_alarm_with_suppressed_actions_reads_no_tags()
    {
        var tags = new RecordingAlarmTagSource();
        await using var harness = IngestHarness.WithTagFilter(Filter, tags);
        var context = Context();

        var result = await harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-composite.json"), context);

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Contains("suppressed", result.Reason, StringComparison.Ordinal);
        Assert.Empty(tags.Reads);
        Assert.Equal("ActionsSuppressed", Assert.Single(context.TestMetrics.Pushed).Dimensions[0].Value);
    }

    [Fact]
    public async Task A_tagged_alarms_return_to_OK_resolves_its_incident_with_the_tags_read_once_through_the_cache()
    {
        var opening = SampleEvents.Element("cloudwatch-alarm-metric.json");
        var tags = new RecordingAlarmTagSource().Set(ArnOf(opening), ("eksops:managed", "true"), ("team", "payments"));
        await using var harness = IngestHarness.WithTagFilter(Filter, new CachedAlarmTagSource(tags, TimeSpan.FromSeconds(300), TimeProvider.System));

        var opened = await harness.HandleAsync(opening);
        var closed = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"));

        Assert.Equal(IncidentDecision.Open, opened.Decision);
        Assert.Equal(IncidentDecision.Close, closed.Decision);
        Assert.Equal(opened.IncidentId, closed.IncidentId);
        Assert.Equal("Resolved", closed.IncidentStatus);
        Assert.Single(tags.Reads);
    }

    [Fact]
    public async Task An_untagged_alarms_return_to_OK_is_ignored_without_reading_the_store()
    {
        var tags = new RecordingAlarmTagSource();
        await using var harness = IngestHarness.WithTagFilter(Filter, tags);

        var result = await harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", "OK", "ALARM"));

        Assert.Equal(IncidentDecision.Ignore, result.Decision);
        Assert.Equal(["eksops:managed=true", "team=payments"], result.MissingAlarmTags);
        Assert.Single(tags.Reads);
        Assert.Equal(0, harness.StoreCalls.Total);
        Assert.Empty(harness.Events.Events);
    }

    [Fact]
    public async Task A_storm_of_one_alarm_reads_its_tags_from_CloudWatch_once()
    {
        await using var harness = IngestHarness.WithTagFilter(Filter);
        var start = new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero);
        var storm = Enumerable.Range(0, 10).Select(i => SampleEvents.Workload("prod-shop-checkout-restarts", "checkout-0", start.AddMinutes(i))).ToList();
        harness.CloudWatch!.SetTags(ArnOf(storm[0]), ("eksops:managed", "true"), ("team", "payments"));

        var concurrent = await Task.WhenAll(storm.Take(5).Select(e => harness.HandleAsync(e)));
        var later = new List<AlarmIngestResult>();
        foreach (var alarmEvent in storm.Skip(5))
        {
            later.Add(await harness.HandleAsync(alarmEvent));
        }

        Assert.All(concurrent.Concat(later), r => Assert.Equal(IncidentDecision.Open, r.Decision));
        Assert.Equal([ArnOf(storm[0])], harness.CloudWatch!.RequestedArns);
        Assert.Single(harness.Store.Incidents);
    }

    [Fact]
    public async Task Throttled_tag_reads_fail_the_invocation_with_nothing_written_and_the_redelivery_opens_the_incident()
    {
        await using var harness = IngestHarness.WithTagFilter(Filter);
        var alarmEvent = SampleEvents.Element("cloudwatch-alarm-metric.json");
        harness.CloudWatch!.SetTags(ArnOf(alarmEvent), ("eksops:managed", "true"), ("team", "payments"));
        harness.CloudWatch!.ThrottleNext(1);

        var throttled = await Assert.ThrowsAsync<AwsThrottlingException>(() => harness.HandleAsync(alarmEvent));
        var storeCallsAfterThrottle = harness.StoreCalls.Total;
        var redelivered = await harness.HandleAsync(alarmEvent);

        Assert.Equal("monitoring", throttled.Service);
        Assert.Equal("ListTagsForResource", throttled.Operation);
        Assert.Equal(0, storeCallsAfterThrottle);
        Assert.Equal(IncidentDecision.Open, redelivered.Decision);
        Assert.Equal(2, harness.CloudWatch!.RequestedArns.Count);
        Assert.Single(harness.StepFunctions.Requests);
    }

    [Theory]
    [InlineData("ALARM", "OK", 403, "AccessDenied")]
    [InlineData("OK", "ALARM", 403, "AccessDenied")]
    [InlineData("ALARM", "OK", 404, "ResourceNotFoundException")]
    public async Task Unreadable_tags_fail_the_invocation_with_an_error_in_the_log_and_nothing_written(string state, string previous, int status, string code)
    {
        await using var harness = IngestHarness.WithTagFilter(Filter);
        harness.CloudWatch!.FailWith(status, code);
        var context = Context();

        var error = await Assert.ThrowsAsync<AlarmTagsUnavailableException>(() =>
            harness.HandleAsync(SampleEvents.WithStates("cloudwatch-alarm-metric.json", state, previous), context));

        Assert.Equal(code, error.ErrorCode);
        var entry = Assert.Single(context.TestLogger.Entries);
        Assert.Equal(LambdaLogLevel.Error, entry.Level);
        Assert.Contains("cannot be checked against EKSOPS_ALARM_TAGS; the event fails", entry.Message, StringComparison.Ordinal);
        Assert.Equal(code, entry.Properties!["errorCode"]);
        Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh", entry.Properties["alarmArn"]);
        Assert.Same(error, entry.Exception);
        Assert.Equal(0, harness.StoreCalls.Total);
        Assert.Empty(harness.StepFunctions.Requests);
        Assert.Empty(context.TestMetrics.ValuesOf("AlarmEvents"));
    }

    [Fact]
    public async Task An_alarm_from_another_region_fails_rather_than_being_guessed()
    {
        await using var harness = IngestHarness.WithTagFilter(Filter);

        var error = await Assert.ThrowsAsync<AlarmTagsUnavailableException>(() =>
            harness.HandleAsync(SampleEvents.Element("cloudwatch-alarm-lambda-action-single.json")));

        Assert.Contains("is in eu-west-1, but this function reads alarm tags in us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.CloudWatch!.RequestedArns);
        Assert.Equal(0, harness.StoreCalls.Total);
    }
}
