using System.Text.Json;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// AlarmIngest composed as a local runner composes it: the embedded store (its calls counted), a recording event sink,
/// and the real Step Functions client (signed requests) against a loopback Step Functions. With a tag filter in the
/// settings, alarm tags come from the given source, or as the host reads them: through the cache, from the real
/// CloudWatch client against a loopback CloudWatch.
/// </summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    public const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:eksops-incident";

    private readonly AwsHttpPipeline _pipeline;

    private IngestHarness(AlarmIngestSettings settings, Func<RecordedIncidentEvent, CancellationToken, Task>? onPublished, IAlarmTagSource? alarmTags)
    {
        Clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Store = new InMemoryIncidentStore(Clock);
        StoreCalls = new CountingIncidentStore(Store);
        Events = new RecordingIncidentEventSink(onPublished);
        StepFunctions = FakeStepFunctions.Start();
        // A loopback CloudWatch only when the handler reads tags through the real client, as the host does.
        CloudWatch = settings.RequiredAlarmTags is not null && alarmTags is null ? new FakeCloudWatch() : null;
        Settings = settings;
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Endpoints = { ["states"] = StepFunctions.Endpoint },
            // One attempt: a throttled call reaches the handler at once, as it would after the pipeline's retries.
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
        };
        if (CloudWatch is not null)
        {
            options.Endpoints["monitoring"] = CloudWatch.Endpoint;
        }

        _pipeline = new AwsHttpPipeline(options);
        AlarmTags = alarmTags ?? (CloudWatch is null
            ? null
            : new CachedAlarmTagSource(new CloudWatchAlarmTagSource(new CloudWatchClient(_pipeline), _pipeline.Region), settings.AlarmTagsCacheDuration, Clock));
        Handler = new AlarmIngestHandler(StoreCalls, new StepFunctionsExecutionStarter(new StepFunctionsClient(_pipeline)), Events, settings, Clock, AlarmTags);
    }

    public ManualTimeProvider Clock { get; }

    public InMemoryIncidentStore Store { get; }

    /// <summary>The store as the handler sees it, counting its calls.</summary>
    public CountingIncidentStore StoreCalls { get; }

    /// <summary>The loopback CloudWatch the handler reads tags from, when it reads them through the real client.</summary>
    public FakeCloudWatch? CloudWatch { get; }

    /// <summary>Where the handler reads alarm tags from; null without a tag filter.</summary>
    public IAlarmTagSource? AlarmTags { get; }

    public RecordingIncidentEventSink Events { get; }

    public FakeStepFunctions StepFunctions { get; }

    public AlarmIngestSettings Settings { get; }

    public AlarmIngestHandler Handler { get; }

    public static IngestHarness Start(
        AlarmIngestSettings? settings = null, Func<RecordedIncidentEvent, CancellationToken, Task>? onPublished = null, IAlarmTagSource? alarmTags = null) =>
        new(settings ?? new AlarmIngestSettings { StateMachineArn = StateMachineArn }, onPublished, alarmTags);

    /// <summary>A harness whose handler acts only on alarms with these tags (<see cref="AlarmTagFilter"/> syntax).</summary>
    public static IngestHarness WithTagFilter(string filter, IAlarmTagSource? alarmTags = null) =>
        Start(new AlarmIngestSettings { StateMachineArn = StateMachineArn, RequiredAlarmTags = AlarmTagFilter.Parse(filter) }, alarmTags: alarmTags);

    public Task<AlarmIngestResult> HandleAsync(JsonElement alarmEvent, TestLambdaContext? context = null) =>
        Handler.HandleAsync(alarmEvent, context ?? new TestLambdaContext { CancellationToken = TestContext.Current.CancellationToken });

    public async ValueTask DisposeAsync()
    {
        _pipeline.Dispose();
        await StepFunctions.DisposeAsync();
        if (CloudWatch is not null)
        {
            await CloudWatch.DisposeAsync();
        }
    }
}
