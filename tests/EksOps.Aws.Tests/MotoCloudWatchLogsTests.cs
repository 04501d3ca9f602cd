using System.Globalization;
using EksOps.Aws.Logs;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

[Collection(MotoGroup.Name)]
public sealed class MotoCloudWatchLogsTests(IntegratedMotoServer moto)
{
    private static readonly SemaphoreSlim SeedGate = new(1, 1);
    private static (string Group, DateTimeOffset First)? _seeded;

    /// <summary>One log group with three events, written once with the AWS CLI and shared by the tests here.</summary>
    private async Task<(string Group, DateTimeOffset First)> SeedAsync()
    {
        await SeedGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seeded is { } done)
            {
                return done;
            }

            const string group = "/aws/containerinsights/prod/application";
            var first = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());
            await moto.AwsCliAsync("logs", "create-log-group", "--log-group-name", group);
            await moto.AwsCliAsync("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "api-0");
            var events = string.Join(',', new[] { "INFO started", "ERROR OOMKilled container api", "ERROR back-off restarting failed container" }
                .Select((message, i) => string.Create(CultureInfo.InvariantCulture, $$"""{"timestamp":{{first.AddSeconds(i * 10).ToUnixTimeMilliseconds()}},"message":"{{message}}"}""")));
            await moto.AwsCliAsync("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "api-0", "--log-events", "[" + events + "]");
            _seeded = (group, first);
            return _seeded.Value;
        }
        finally
        {
            SeedGate.Release();
        }
    }

    [Fact]
    public async Task FilterLogEvents_finds_the_events_written_with_the_aws_cli()
    {
        moto.RequireAwsCli();
        var (group, first) = await SeedAsync();
        using var pipeline = moto.Pipeline();

        var result = await new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = group, FilterPattern = "ERROR", StartTime = first.AddMinutes(-1), EndTime = first.AddMinutes(5) },
            TestContext.Current.CancellationToken);

        Assert.Equal(["ERROR OOMKilled container api", "ERROR back-off restarting failed container"], result.Events.Select(e => e.Message));
        Assert.Equal(first.AddSeconds(10), result.Events[0].Timestamp);
        Assert.All(result.Events, e => Assert.Equal("api-0", e.LogStreamName));
        Assert.False(result.Truncated);
    }

    [Fact]
    public async Task FilterLogEvents_pages_one_event_at_a_time_through_all_of_them()
    {
        moto.RequireAwsCli();
        var (group, _) = await SeedAsync();
        using var pipeline = moto.Pipeline();

        var result = await new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = group, PageSize = 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Events.Count);
        Assert.True(result.Pages >= 3);
        Assert.Equal("INFO started", result.Events[0].Message);
    }

    [Fact]
    public async Task A_Logs_Insights_query_runs_to_completion_and_returns_rows()
    {
        moto.RequireAwsCli();
        var (group, first) = await SeedAsync();
        using var pipeline = moto.Pipeline();

        var results = await new CloudWatchLogsClient(pipeline).RunQueryAsync(
            new StartQueryRequest
            {
                QueryString = "fields @timestamp, @message | sort @timestamp desc | limit 2",
                LogGroupNames = [group],
                StartTime = first.AddMinutes(-1),
                EndTime = first.AddMinutes(5),
            },
            new QueryWaitOptions { Timeout = TimeSpan.FromSeconds(30) },
            TestContext.Current.CancellationToken);

        Assert.Equal(QueryStatus.Complete, results.Status);
        Assert.False(results.DeadlineReached);
        Assert.Equal(["ERROR back-off restarting failed container", "ERROR OOMKilled container api"], results.Rows.Select(r => r["@message"]));
    }

    [Fact]
    public async Task FilterLogEvents_on_a_missing_group_fails_with_ResourceNotFoundException()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new CloudWatchLogsClient(pipeline).FilterLogEventsAsync(
            new FilterLogEventsRequest { LogGroupName = "/eksops/does-not-exist" }, TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("The specified log group does not exist.", error.ErrorMessage);
        Assert.NotNull(error.RequestId);
    }
}
