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
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var settings = AlarmIngestSettings.FromEnvironment(Variables(
            ("EKSOPS_STATE_MACHINE_ARN", Arn),
            ("EKSOPS_CORRELATION_WINDOW_SECONDS", "0"),
            ("EKSOPS_APPROVAL_TIMEOUT_SECONDS", "600"),
            ("EKSOPS_VERIFY_WAIT_SECONDS", "30"),
            ("EKSOPS_EVENT_BUS_NAME", "incidents")));

        Assert.Equal(TimeSpan.Zero, settings.CorrelationWindow);
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
    public void A_missing_or_invalid_variable_is_named(string name, string? value, string message)
    {
        var environment = new Dictionary<string, string?> { ["EKSOPS_STATE_MACHINE_ARN"] = Arn, [name] = value };

        var error = Assert.Throws<InvalidOperationException>(() => AlarmIngestSettings.FromEnvironment(n => environment.GetValueOrDefault(n)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
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
}
