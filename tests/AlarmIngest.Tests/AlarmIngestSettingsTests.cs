namespace EksOps.AlarmIngest.Tests;

public class AlarmIngestSettingsTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:eksops-incident";

    private static Func<string, string?> Variables(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Only_the_state_machine_is_required_and_the_rest_has_defaults()
    {
        var settings = AlarmIngestSettings.FromEnvironment(Variables(("EKSOPS_STATE_MACHINE_ARN", Arn)));

        Assert.Equal(Arn, settings.StateMachineArn);
        Assert.Equal(TimeSpan.FromSeconds(900), settings.CorrelationWindow);
        Assert.Equal(3600, settings.ApprovalTimeoutSeconds);
        Assert.Equal(120, settings.VerifyWaitSeconds);
        Assert.Equal("default", settings.EventBusName);
        Assert.Null(settings.RequiredAlarmTags);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.AlarmTagsCacheDuration);
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var settings = AlarmIngestSettings.FromEnvironment(Variables(
            ("EKSOPS_STATE_MACHINE_ARN", Arn),
            ("EKSOPS_CORRELATION_WINDOW_SECONDS", "0"),
            ("EKSOPS_APPROVAL_TIMEOUT_SECONDS", "600"),
            ("EKSOPS_VERIFY_WAIT_SECONDS", "30"),
            ("EKSOPS_EVENT_BUS_NAME", "incidents"),
            ("EKSOPS_ALARM_TAGS", " eksops:managed=true, team=payments ,owner"),
            ("EKSOPS_ALARM_TAGS_CACHE_SECONDS", "60")));

        Assert.Equal(TimeSpan.Zero, settings.CorrelationWindow);
        Assert.Equal("eksops:managed=true,team=payments,owner", settings.RequiredAlarmTags?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(60), settings.AlarmTagsCacheDuration);
        Assert.Equal(600, settings.ApprovalTimeoutSeconds);
        Assert.Equal(30, settings.VerifyWaitSeconds);
        Assert.Equal("incidents", settings.EventBusName);
    }

    [Theory]
    [InlineData("EKSOPS_STATE_MACHINE_ARN", null, "EKSOPS_STATE_MACHINE_ARN is not set")]
    [InlineData("EKSOPS_STATE_MACHINE_ARN", "eksops-incident", "EKSOPS_STATE_MACHINE_ARN is 'eksops-incident'")]
    [InlineData("EKSOPS_CORRELATION_WINDOW_SECONDS", "-5", "EKSOPS_CORRELATION_WINDOW_SECONDS is '-5'")]
    [InlineData("EKSOPS_APPROVAL_TIMEOUT_SECONDS", "0", "EKSOPS_APPROVAL_TIMEOUT_SECONDS is '0'")]
    [InlineData("EKSOPS_VERIFY_WAIT_SECONDS", "2m", "EKSOPS_VERIFY_WAIT_SECONDS is '2m'")]
    [InlineData("EKSOPS_ALARM_TAGS", "team=payments,", "EKSOPS_ALARM_TAGS is 'team=payments,': Item 2 is empty")]
    [InlineData("EKSOPS_ALARM_TAGS", "=payments", "EKSOPS_ALARM_TAGS is '=payments': item 1 ('=payments') has no key")]
    [InlineData("EKSOPS_ALARM_TAGS", "team=a;owner=b,team=c", "the key team appears more than once")]
    [InlineData("EKSOPS_ALARM_TAGS_CACHE_SECONDS", "5m", "EKSOPS_ALARM_TAGS_CACHE_SECONDS is '5m'; it must be a whole number of seconds from 0 to 86400")]
    [InlineData("EKSOPS_ALARM_TAGS_CACHE_SECONDS", "-1", "EKSOPS_ALARM_TAGS_CACHE_SECONDS is '-1'")]
    public void A_missing_or_invalid_variable_is_named(string name, string? value, string message)
    {
        var environment = new Dictionary<string, string?> { ["EKSOPS_STATE_MACHINE_ARN"] = Arn, [name] = value };

        var error = Assert.Throws<InvalidOperationException>(() => AlarmIngestSettings.FromEnvironment(n => environment.GetValueOrDefault(n)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_unset_or_empty_tag_filter_selects_every_alarm(string? value)
    {
        var settings = AlarmIngestSettings.FromEnvironment(Variables(("EKSOPS_STATE_MACHINE_ARN", Arn), ("EKSOPS_ALARM_TAGS", value)));

        Assert.Null(settings.RequiredAlarmTags);
    }

    [Fact]
    public void A_tag_filter_error_says_how_to_write_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AlarmIngestSettings.FromEnvironment(Variables(("EKSOPS_STATE_MACHINE_ARN", Arn), ("EKSOPS_ALARM_TAGS", "team==,,"))));

        Assert.Contains("for example eksops:managed=true,team=payments", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void A_handler_with_a_tag_filter_needs_a_tag_source()
    {
        var settings = new AlarmIngestSettings { StateMachineArn = Arn, RequiredAlarmTags = AlarmTagFilter.Parse("team=payments") };

        var error = Assert.Throws<ArgumentException>(() => new AlarmIngestHandler(
            new EksOps.IncidentStore.InMemoryIncidentStore(), new RefusingStarter(), new EksOps.IncidentEvents.RecordingIncidentEventSink(), settings));

        Assert.Equal("alarmTags", error.ParamName);
        Assert.Contains("team=payments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_refuses_to_start_without_the_incident_table()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AlarmIngestHost.FromEnvironment(Variables(("EKSOPS_STATE_MACHINE_ARN", Arn), ("AWS_REGION", "us-east-1"))));

        Assert.Contains("EKSOPS_INCIDENT_TABLE is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_composes_the_handler_from_the_environment()
    {
        using var host = AlarmIngestHost.FromEnvironment(Variables(
            ("EKSOPS_STATE_MACHINE_ARN", Arn),
            ("EKSOPS_INCIDENT_TABLE", "incidents"),
            ("AWS_REGION", "us-east-1"),
            ("EKSOPS_EVENT_BUS_NAME", "incidents")));

        Assert.NotNull(host.Handler);
        Assert.Equal("incidents", host.Settings.EventBusName);
    }

    [Fact]
    public void The_host_with_a_bad_tag_filter_fails_to_start_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AlarmIngestHost.FromEnvironment(Variables(
            ("EKSOPS_STATE_MACHINE_ARN", Arn),
            ("EKSOPS_INCIDENT_TABLE", "incidents"),
            ("AWS_REGION", "us-east-1"),
            ("EKSOPS_ALARM_TAGS", "team=payments,,owner"))));

        Assert.StartsWith("EKSOPS_ALARM_TAGS is 'team=payments,,owner': Item 2 is empty", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A starter for handlers that must never start anything.</summary>
    private sealed class RefusingStarter : IExecutionStarter
    {
        public Task<EksOps.Aws.StepFunctions.StartExecutionResult> StartExecutionAsync(EksOps.Aws.StepFunctions.StartExecutionRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("nothing may be started here");
    }
}
