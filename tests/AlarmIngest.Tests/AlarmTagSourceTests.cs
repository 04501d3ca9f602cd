using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Http;

namespace EksOps.AlarmIngest.Tests;

/// <summary>Reading alarm tags from CloudWatch (a loopback CloudWatch, shared by the class) and remembering them per warm container.</summary>
public class AlarmTagSourceTests : IClassFixture<FakeCloudWatch>
{
    private readonly FakeCloudWatch _cloudWatch;

    public AlarmTagSourceTests(FakeCloudWatch cloudWatch)
    {
        cloudWatch.Reset();
        _cloudWatch = cloudWatch;
    }

    private const string AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod-shop-checkout-restarts";

    private AwsHttpPipeline Pipeline(string region = "us-east-1", int attempts = 1) => new(new AwsClientOptions
    {
        Region = region,
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        Endpoints = { ["monitoring"] = _cloudWatch.Endpoint },
        Retry = new AwsRetryOptions { MaxAttempts = attempts },
    });

    [Fact]
    public async Task CloudWatch_tags_are_read_by_the_alarm_ARN()
    {
        _cloudWatch.SetTags(AlarmArn, ("eksops:managed", "true"), ("team", "payments"));
        using var pipeline = Pipeline();
        var source = new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region);

        var tags = await source.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, string> { ["eksops:managed"] = "true", ["team"] = "payments" }, tags);
        Assert.Equal([AlarmArn], _cloudWatch.RequestedArns);
    }

    [Fact]
    public async Task The_direct_alarm_action_payloads_ARN_is_read_in_its_own_region()
    {
        var change = EksOps.Alarms.AlarmEventParser.Parse(SampleEvents.Bytes("cloudwatch-alarm-lambda-action-single.json"));
        _cloudWatch.SetTags(change.AlarmArn, ("eksops:managed", "true"));
        using var pipeline = Pipeline(region: "eu-west-1");

        var tags = await new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region).GetTagsAsync(change.AlarmArn, TestContext.Current.CancellationToken);

        Assert.Equal("arn:aws:cloudwatch:eu-west-1:912397435824:alarm:test_alarm", change.AlarmArn);
        Assert.Equal("true", tags["eksops:managed"]);
    }

    [Theory]
    [InlineData(403, "AccessDenied", "cloudwatch:ListTagsForResource on arn:<partition>:cloudwatch:<region>:<account>:alarm:*")]
    [InlineData(400, "AccessDeniedException", "cloudwatch:ListTagsForResource")]
    [InlineData(404, "ResourceNotFoundException", "probably deleted")]
    [InlineData(404, "ResourceNotFound", "probably deleted")]
    public async Task Access_denied_and_a_missing_alarm_are_AlarmTagsUnavailableException_that_says_the_event_is_kept(int status, string code, string advice)
    {
        _cloudWatch.FailWith(status, code);
        using var pipeline = Pipeline();
        var source = new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region);

        var error = await Assert.ThrowsAsync<AlarmTagsUnavailableException>(() => source.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken));

        Assert.Equal(AlarmArn, error.AlarmArn);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Contains("dead-letter queue", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<AwsServiceException>(error.InnerException);
    }

    [Fact]
    public async Task Persistent_throttling_is_an_AwsThrottlingException_after_the_pipelines_retries()
    {
        _cloudWatch.SetTags(AlarmArn, ("team", "payments"));
        _cloudWatch.ThrottleNext(2);
        using var pipeline = Pipeline(attempts: 2);
        var source = new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region);

        var error = await Assert.ThrowsAsync<AwsThrottlingException>(() => source.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken));
        var afterwards = await source.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken);

        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal(2, error.Attempts);
        Assert.Equal("payments", afterwards["team"]);
        Assert.Equal(3, _cloudWatch.RequestedArns.Count);
    }

    [Fact]
    public async Task Other_service_errors_propagate_as_they_are()
    {
        _cloudWatch.FailWith(400, "InvalidParameterValue");
        using var pipeline = Pipeline();
        var source = new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => source.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Theory]
    [InlineData("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x", "is in eu-west-1, but this function reads alarm tags in us-east-1")]
    [InlineData("arn:aws:cloudwatch::123456789012:dashboard/x", "is not a CloudWatch alarm ARN")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:alarm:x", "is not a CloudWatch alarm ARN")]
    [InlineData("arn:aws:cloudwatch:us-east-1:123456789012:alarm:", "is not a CloudWatch alarm ARN")]
    [InlineData("ServerCpuTooHigh", "is not a CloudWatch alarm ARN")]
    public async Task An_ARN_CloudWatch_could_not_answer_here_is_refused_before_any_call(string arn, string message)
    {
        using var pipeline = Pipeline();
        var source = new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region);

        var error = await Assert.ThrowsAsync<AlarmTagsUnavailableException>(() => source.GetTagsAsync(arn, TestContext.Current.CancellationToken));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(error.ErrorCode);
        Assert.Empty(_cloudWatch.RequestedArns);
    }

    [Fact]
    public async Task An_alarm_name_with_colons_is_still_an_alarm_ARN()
    {
        const string arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:prod:shop:checkout";
        _cloudWatch.SetTags(arn, ("team", "payments"));
        using var pipeline = Pipeline();

        var tags = await new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region).GetTagsAsync(arn, TestContext.Current.CancellationToken);

        Assert.Equal("payments", tags["team"]);
    }

    [Fact]
    public async Task Concurrent_misses_for_one_alarm_share_one_read()
    {
        var inner = new GatedTagSource();
        var cache = new CachedAlarmTagSource(inner, TimeSpan.FromMinutes(5), new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var reads = Enumerable.Range(0, 10).Select(_ => cache.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken)).ToArray();
        inner.Release(new Dictionary<string, string> { ["team"] = "payments" });
        var results = await Task.WhenAll(reads);

        Assert.Equal(1, inner.Calls);
        Assert.All(results, tags => Assert.Equal("payments", tags["team"]));
    }

    [Fact]
    public async Task Tags_are_read_again_once_the_time_to_live_has_passed_since_the_read()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var inner = new RecordingAlarmTagSource().Set(AlarmArn, ("team", "payments"));
        var cache = new CachedAlarmTagSource(inner, TimeSpan.FromSeconds(300), clock);
        var ct = TestContext.Current.CancellationToken;

        await cache.GetTagsAsync(AlarmArn, ct);
        clock.Advance(TimeSpan.FromSeconds(299));
        await cache.GetTagsAsync(AlarmArn, ct);
        var readsWithinTtl = inner.Reads.Count;
        inner.Set(AlarmArn, ("team", "checkout"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var reread = await cache.GetTagsAsync(AlarmArn, ct);

        Assert.Equal(1, readsWithinTtl);
        Assert.Equal(2, inner.Reads.Count);
        Assert.Equal("checkout", reread["team"]);
    }

    [Fact]
    public async Task Each_alarm_is_remembered_on_its_own()
    {
        const string other = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:other";
        var inner = new RecordingAlarmTagSource().Set(AlarmArn, ("team", "payments")).Set(other, ("team", "checkout"));
        var cache = new CachedAlarmTagSource(inner, TimeSpan.FromSeconds(300), new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var ct = TestContext.Current.CancellationToken;

        var first = await cache.GetTagsAsync(AlarmArn, ct);
        var second = await cache.GetTagsAsync(other, ct);
        await cache.GetTagsAsync(AlarmArn, ct);
        await cache.GetTagsAsync(other, ct);

        Assert.Equal(("payments", "checkout"), (first["team"], second["team"]));
        Assert.Equal([AlarmArn, other], inner.Reads);
    }

    [Fact]
    public async Task A_time_to_live_of_zero_reads_every_time()
    {
        var inner = new RecordingAlarmTagSource().Set(AlarmArn, ("team", "payments"));
        var cache = new CachedAlarmTagSource(inner, TimeSpan.Zero, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        await cache.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken);
        await cache.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken);

        Assert.Equal(2, inner.Reads.Count);
    }

    [Fact]
    public async Task A_failed_read_fails_its_waiters_and_is_not_remembered()
    {
        var inner = new GatedTagSource();
        var cache = new CachedAlarmTagSource(inner, TimeSpan.FromMinutes(5), new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var ct = TestContext.Current.CancellationToken;

        var waiting = new[] { cache.GetTagsAsync(AlarmArn, ct), cache.GetTagsAsync(AlarmArn, ct) };
        inner.Fail(new AwsThrottlingException("monitoring", "ListTagsForResource", System.Net.HttpStatusCode.BadRequest, "Throttling", "Rate exceeded", null));
        foreach (var read in waiting)
        {
            await Assert.ThrowsAsync<AwsThrottlingException>(() => read);
        }

        var retry = cache.GetTagsAsync(AlarmArn, ct);
        inner.Release(new Dictionary<string, string> { ["team"] = "payments" });

        Assert.Equal("payments", (await retry)["team"]);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_read()
    {
        var inner = new GatedTagSource();
        var cache = new CachedAlarmTagSource(inner, TimeSpan.FromMinutes(5), new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        using var impatient = new CancellationTokenSource();

        var givesUp = cache.GetTagsAsync(AlarmArn, impatient.Token);
        var waits = cache.GetTagsAsync(AlarmArn, TestContext.Current.CancellationToken);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givesUp);
        inner.Release(new Dictionary<string, string> { ["team"] = "payments" });

        Assert.Equal("payments", (await waits)["team"]);
        Assert.Equal(1, inner.Calls);
        Assert.False(inner.LastToken.CanBeCanceled);
    }

    [Fact]
    public async Task Past_the_sweep_threshold_expired_alarms_are_dropped_before_a_new_one_is_added()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var cache = new CachedAlarmTagSource(new RecordingAlarmTagSource(), TimeSpan.FromSeconds(300), clock);
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i <= CachedAlarmTagSource.SweepThreshold; i++)
        {
            await cache.GetTagsAsync($"{AlarmArn}-{i}", ct);
        }

        var beforeExpiry = cache.Count;
        clock.Advance(TimeSpan.FromSeconds(300));
        await cache.GetTagsAsync(AlarmArn, ct);

        Assert.Equal(CachedAlarmTagSource.SweepThreshold + 1, beforeExpiry);
        Assert.Equal(1, cache.Count);
    }

    /// <summary>A tag source whose reads wait until the test releases or fails them; counts its calls.</summary>
    private sealed class GatedTagSource : IAlarmTagSource
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource<IReadOnlyDictionary<string, string>> _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public CancellationToken LastToken { get; private set; }

        public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string alarmArn, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Calls++;
                LastToken = cancellationToken;
                return _pending.Task;
            }
        }

        public void Release(IReadOnlyDictionary<string, string> tags) => Next().SetResult(tags);

        public void Fail(Exception error) => Next().SetException(error);

        /// <summary>The pending read to complete; later reads wait on a new one.</summary>
        private TaskCompletionSource<IReadOnlyDictionary<string, string>> Next()
        {
            lock (_gate)
            {
                var current = _pending;
                _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);
                return current;
            }
        }
    }
}
