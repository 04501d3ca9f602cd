using System.Text.Json;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>AlarmIngest run as Lambda runs it: a child process talking to a Runtime API.</summary>
public class BootstrapProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static LambdaProcess StartFunction(RuntimeApiServer server, string build) =>
        LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = FunctionBuilds.PathOf("AlarmIngest", build),
            FunctionName = "alarm-ingest",
            LogFormat = "JSON",
        });

    /// <summary>Bounds a test that waits on a child process, so a broken build fails instead of hanging.</summary>
    private static CancellationTokenSource Timeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        return timeout;
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task The_function_answers_alarms_and_reports_bad_events_without_exiting(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = StartFunction(server, build);
        using var timeout = Timeout();

        var opened = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-metric.json"), cancellationToken: timeout.Token);
        var malformed = await server.InvokeAsync("{\"detail-type\": ", cancellationToken: timeout.Token);
        var notAnAlarm = await server.InvokeAsync("{\"hello\":\"world\"}", cancellationToken: timeout.Token);
        var stillServing = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-single.json"), cancellationToken: timeout.Token);

        Assert.False(opened.IsError, opened.ToString());
        using (var result = JsonDocument.Parse(opened.Payload))
        {
            Assert.Equal("Open", result.RootElement.GetProperty("decision").GetString());
            Assert.Equal("ServerCpuTooHigh", result.RootElement.GetProperty("alarmName").GetString());
        }

        Assert.True(malformed.IsError);
        Assert.Equal("EventDeserializationException", malformed.ErrorType);
        Assert.Equal("EventDeserializationException", malformed.ErrorTypeHeader);
        Assert.Equal("application/vnd.aws.lambda.error+json", malformed.ContentType);
        Assert.True(notAnAlarm.IsError);
        Assert.Equal("InvalidAlarmEventException", notAnAlarm.ErrorType);
        Assert.StartsWith("$", notAnAlarm.ErrorMessage, StringComparison.Ordinal);
        Assert.False(stillServing.IsError, stillServing.ToString());
        Assert.False(function.HasExited);
        foreach (var requestId in new[] { opened.RequestId, malformed.RequestId, notAnAlarm.RequestId, stillServing.RequestId })
        {
            Assert.Equal(1, server.AnswerCount(requestId));
        }
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task The_function_writes_JSON_logs_with_the_request_id_and_one_cold_start_metric(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = StartFunction(server, build);
        using var timeout = Timeout();

        var first = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-metric.json"), cancellationToken: timeout.Token);
        var second = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-anomaly.json"), cancellationToken: timeout.Token);
        // The second invocation's EMF document is the last line it writes; wait for it before reading the output.
        await function.WaitForOutputAsync(line => line.Contains("\"AlarmEvents\"", StringComparison.Ordinal) && line.Contains(second.RequestId, StringComparison.Ordinal), timeout.Token);

        var documents = function.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var logs = documents.Where(d => d.TryGetProperty("level", out _)).ToList();
        Assert.Contains(logs, l => l.GetProperty("requestId").GetString() == first.RequestId && l.GetProperty("alarmName").GetString() == "ServerCpuTooHigh");
        Assert.Contains(logs, l => l.GetProperty("requestId").GetString() == second.RequestId);
        var emf = documents.Where(d => d.TryGetProperty("_aws", out _)).ToList();
        var coldStart = Assert.Single(emf, d => d.TryGetProperty("ColdStart", out _));
        Assert.Equal(first.RequestId, coldStart.GetProperty("requestId").GetString());
        Assert.Equal(2, emf.Count(d => d.TryGetProperty("AlarmEvents", out _)));
    }
}
