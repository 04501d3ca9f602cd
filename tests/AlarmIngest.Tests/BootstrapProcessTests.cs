using System.Text.Json;
using EksOps.Lambda.Testing;
using EksOps.Testing.Moto;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// AlarmIngest run as Lambda runs it: a child process (the JIT build, and the Native AOT bootstrap when built) talking
/// to a Runtime API, with its incident table, state machine and event bus on moto.
/// </summary>
[Collection(MotoGroup.Name)]
public class BootstrapProcessTests(MotoServer moto)
{
    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task The_function_opens_an_incident_in_DynamoDB_starts_its_execution_announces_it_and_survives_bad_events(string build)
    {
        var deployment = await MotoDeployment.CreateAsync(moto);
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = AlarmIngestProcess.Start(server, build, deployment.Environment);
        using var timeout = AlarmIngestProcess.Timeout();

        var opened = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-metric.json"), cancellationToken: timeout.Token);
        var duplicate = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-metric.json"), cancellationToken: timeout.Token);
        var malformed = await server.InvokeAsync("{\"detail-type\": ", cancellationToken: timeout.Token);
        var notAnAlarm = await server.InvokeAsync("{\"hello\":\"world\"}", cancellationToken: timeout.Token);
        var stillServing = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-single.json"), cancellationToken: timeout.Token);

        Assert.False(opened.IsError, opened.ToString());
        string incidentId;
        using (var result = JsonDocument.Parse(opened.Payload))
        {
            var root = result.RootElement;
            Assert.Equal("Open", root.GetProperty("decision").GetString());
            Assert.Equal("ServerCpuTooHigh", root.GetProperty("alarmName").GetString());
            Assert.Equal("Created", root.GetProperty("correlation").GetString());
            incidentId = root.GetProperty("incidentId").GetString()!;
            Assert.Equal(root.GetProperty("executionName").GetString(), incidentId);
            Assert.EndsWith(":execution:" + deployment.StateMachineArn.Split(':')[^1] + ":" + incidentId, root.GetProperty("executionArn").GetString(), StringComparison.Ordinal);
        }

        Assert.False(duplicate.IsError, duplicate.ToString());
        using (var result = JsonDocument.Parse(duplicate.Payload))
        {
            Assert.Equal("Joined", result.RootElement.GetProperty("correlation").GetString());
            Assert.Equal(incidentId, result.RootElement.GetProperty("incidentId").GetString());
        }

        Assert.True(malformed.IsError);
        Assert.Equal("EventDeserializationException", malformed.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", malformed.ContentType);
        Assert.True(notAnAlarm.IsError);
        Assert.Equal("InvalidAlarmEventException", notAnAlarm.ErrorType);
        Assert.StartsWith("$", notAnAlarm.ErrorMessage, StringComparison.Ordinal);
        Assert.False(stillServing.IsError, stillServing.ToString());
        Assert.False(function.HasExited);
        foreach (var requestId in new[] { opened.RequestId, duplicate.RequestId, malformed.RequestId, notAnAlarm.RequestId, stillServing.RequestId })
        {
            Assert.Equal(1, server.AnswerCount(requestId));
        }

        var record = await deployment.ItemAsync("INCIDENT#" + incidentId, "RECORD");
        Assert.NotNull(record);
        Assert.Equal("1", record["correlatedAlarms"].N);
        Assert.NotNull(await deployment.ItemAsync("INCIDENT#" + incidentId, "TL#alarm"));
        var executions = await deployment.ExecutionNamesAsync();
        Assert.Equal(2, executions.Count);
        Assert.Contains(incidentId, executions);
        var events = await deployment.EventsAsync(count: 2);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("Incident Opened", e.GetProperty("detail-type").GetString()));
        Assert.Single(events, e => e.GetProperty("detail").GetProperty("incidentId").GetString() == incidentId);
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task The_function_writes_JSON_logs_with_the_request_id_and_one_cold_start_metric(string build)
    {
        var deployment = await MotoDeployment.CreateAsync(moto);
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = AlarmIngestProcess.Start(server, build, deployment.Environment);
        using var timeout = AlarmIngestProcess.Timeout();

        var first = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-metric.json"), cancellationToken: timeout.Token);
        var second = await server.InvokeAsync(SampleEvents.Bytes("cloudwatch-alarm-anomaly.json"), cancellationToken: timeout.Token);
        // The second invocation's EMF document is the last line it writes; wait for it before reading the output.
        await function.WaitForOutputAsync(line => line.Contains("\"AlarmEvents\"", StringComparison.Ordinal) && line.Contains(second.RequestId, StringComparison.Ordinal), timeout.Token);

        var documents = function.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var logs = documents.Where(d => d.TryGetProperty("level", out _)).ToList();
        Assert.Contains(logs, l => l.GetProperty("requestId").GetString() == first.RequestId && l.GetProperty("alarmName").GetString() == "ServerCpuTooHigh");
        Assert.Contains(logs, l => l.GetProperty("requestId").GetString() == second.RequestId && l.TryGetProperty("incidentId", out _));
        var emf = documents.Where(d => d.TryGetProperty("_aws", out _)).ToList();
        var coldStart = Assert.Single(emf, d => d.TryGetProperty("ColdStart", out _));
        Assert.Equal(first.RequestId, coldStart.GetProperty("requestId").GetString());
        Assert.Equal(2, emf.Count(d => d.TryGetProperty("AlarmEvents", out _)));
        Assert.Equal(2, emf.Count(d => d.TryGetProperty("IncidentsOpened", out _)));
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task Without_its_state_machine_the_function_reports_an_init_error_that_names_the_variable(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = AlarmIngestProcess.Start(server, build, new Dictionary<string, string?> { ["EKSOPS_INCIDENT_TABLE"] = "incidents" });
        using var timeout = AlarmIngestProcess.Timeout();

        var initError = await server.InitErrorReported.WaitAsync(timeout.Token);
        var exitCode = await function.WaitForExitAsync(timeout.Token);

        Assert.Equal("InvalidOperationException", initError.ErrorType);
        Assert.Contains("EKSOPS_STATE_MACHINE_ARN is not set", initError.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }
}
