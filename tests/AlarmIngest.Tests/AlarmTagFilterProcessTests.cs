using System.Text.Json;
using EksOps.Lambda.Testing;
using EksOps.Testing.Moto;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// <c>EKSOPS_ALARM_TAGS</c> in the built function (JIT, and the Native AOT bootstrap when built) against moto: alarms
/// created with the aws CLI, with and without the required tags; their tags read with <c>ListTagsForResource</c>; the
/// incident table, state machine and bus on moto too.
/// </summary>
[Collection(MotoGroup.Name)]
public class AlarmTagFilterProcessTests(MotoServer moto)
{
    private static byte[] Bytes(JsonElement alarmEvent) => JsonSerializer.SerializeToUtf8Bytes(alarmEvent, TestJsonContext.Default.JsonElement);

    private Task<string> PutAlarmAsync(string name, params string[] tags)
    {
        string[] arguments =
        [
            "cloudwatch", "put-metric-alarm",
            "--alarm-name", name,
            "--namespace", "ContainerInsights",
            "--metric-name", "pod_number_of_container_restarts",
            "--dimensions", "Name=ClusterName,Value=prod", "Name=Namespace,Value=shop",
            "--statistic", "Maximum",
            "--period", "60",
            "--evaluation-periods", "1",
            "--threshold", "3",
            "--comparison-operator", "GreaterThanThreshold",
        ];
        return moto.AwsCliAsync(tags.Length == 0 ? arguments : [.. arguments, "--tags", .. tags]);
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task A_tagged_alarm_opens_an_incident_and_an_untagged_one_is_ignored(string build)
    {
        moto.RequireAwsCli();
        var deployment = await MotoDeployment.CreateAsync(moto);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tagged = "prod-shop-checkout-restarts-" + suffix;
        var untagged = "prod-shop-cart-restarts-" + suffix;
        var wrongTeam = "prod-shop-search-restarts-" + suffix;
        await PutAlarmAsync(tagged, "Key=eksops:managed,Value=true", "Key=team,Value=payments");
        await PutAlarmAsync(untagged);
        await PutAlarmAsync(wrongTeam, "Key=eksops:managed,Value=true", "Key=team,Value=search");
        var environment = new Dictionary<string, string?>(deployment.Environment) { ["EKSOPS_ALARM_TAGS"] = "eksops:managed=true,team=payments" };
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = AlarmIngestProcess.Start(server, build, environment);
        using var timeout = AlarmIngestProcess.Timeout();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var opened = await server.InvokeAsync(Bytes(SampleEvents.Workload(tagged, "checkout-0", at)), cancellationToken: timeout.Token);
        var ignored = await server.InvokeAsync(Bytes(SampleEvents.Workload(untagged, "cart-0", at)), cancellationToken: timeout.Token);
        var otherTeam = await server.InvokeAsync(Bytes(SampleEvents.Workload(wrongTeam, "search-0", at)), cancellationToken: timeout.Token);
        var ignoredOk = await server.InvokeAsync(Bytes(SampleEvents.Workload(untagged, "cart-0", at.AddMinutes(5), "OK", "ALARM", at)), cancellationToken: timeout.Token);

        Assert.False(opened.IsError, opened.ToString());
        string incidentId;
        using (var result = JsonDocument.Parse(opened.Payload))
        {
            Assert.Equal("Open", result.RootElement.GetProperty("decision").GetString());
            incidentId = result.RootElement.GetProperty("incidentId").GetString()!;
        }

        foreach (var (invocation, missing) in new[] { (ignored, "eksops:managed=true"), (otherTeam, "team=payments"), (ignoredOk, "eksops:managed=true") })
        {
            Assert.False(invocation.IsError, invocation.ToString());
            using var result = JsonDocument.Parse(invocation.Payload);
            Assert.Equal("Ignore", result.RootElement.GetProperty("decision").GetString());
            Assert.Equal(missing, result.RootElement.GetProperty("missingAlarmTags")[0].GetString());
            Assert.False(result.RootElement.TryGetProperty("incidentId", out _));
        }

        Assert.NotNull(await deployment.ItemAsync("INCIDENT#" + incidentId, "RECORD"));
        Assert.Equal([incidentId], await deployment.ExecutionNamesAsync());
        await function.WaitForOutputAsync(line => line.Contains("\"AlarmsIgnored\"", StringComparison.Ordinal) && line.Contains(ignoredOk.RequestId, StringComparison.Ordinal), timeout.Token);
        var documents = function.StandardOutput.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(3, documents.Count(d => d.TryGetProperty("AlarmsIgnored", out _) && d.GetProperty("Reason").GetString() == "AlarmTags"));
        Assert.Contains(documents, d => d.TryGetProperty("level", out var level) && level.GetString() == "INFO"
            && d.TryGetProperty("ignoredBecause", out var because) && because.GetString() == "AlarmTags"
            && d.GetProperty("requestId").GetString() == ignored.RequestId);
    }

    [Theory]
    [MemberData(nameof(FunctionBuilds.For), "AlarmIngest", MemberType = typeof(FunctionBuilds))]
    public async Task A_bad_tag_filter_is_an_init_error_that_names_the_variable(string build)
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var function = AlarmIngestProcess.Start(server, build, new Dictionary<string, string?>
        {
            ["EKSOPS_STATE_MACHINE_ARN"] = "arn:aws:states:us-east-1:123456789012:stateMachine:eksops-incident",
            ["EKSOPS_INCIDENT_TABLE"] = "incidents",
            ["EKSOPS_ALARM_TAGS"] = "eksops:managed=true,,team=payments",
        });
        using var timeout = AlarmIngestProcess.Timeout();

        var initError = await server.InitErrorReported.WaitAsync(timeout.Token);
        var exitCode = await function.WaitForExitAsync(timeout.Token);

        Assert.Equal("InvalidOperationException", initError.ErrorType);
        Assert.Contains("EKSOPS_ALARM_TAGS is 'eksops:managed=true,,team=payments': Item 2 is empty", initError.ErrorMessage, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
    }
}
