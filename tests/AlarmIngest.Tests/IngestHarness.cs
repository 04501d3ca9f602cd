using System.Text.Json;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda.Testing;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// AlarmIngest composed as a local runner composes it: the embedded store, a recording event sink, and the real
/// Step Functions client (signed requests) against a loopback Step Functions.
/// </summary>
internal sealed class IngestHarness : IAsyncDisposable
{
    public const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:eksops-incident";

    private readonly AwsHttpPipeline _pipeline;

    private IngestHarness(AlarmIngestSettings settings, Func<RecordedIncidentEvent, CancellationToken, Task>? onPublished)
    {
        Clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Store = new InMemoryIncidentStore(Clock);
        Events = new RecordingIncidentEventSink(onPublished);
        StepFunctions = FakeStepFunctions.Start();
        Settings = settings;
        _pipeline = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            Endpoints = { ["states"] = StepFunctions.Endpoint },
            // One attempt: a throttled start reaches the handler at once, as it would after the pipeline's retries.
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
        });
        Handler = new AlarmIngestHandler(Store, new StepFunctionsExecutionStarter(new StepFunctionsClient(_pipeline)), Events, settings, Clock);
    }

    public ManualTimeProvider Clock { get; }

    public InMemoryIncidentStore Store { get; }

    public RecordingIncidentEventSink Events { get; }

    public FakeStepFunctions StepFunctions { get; }

    public AlarmIngestSettings Settings { get; }

    public AlarmIngestHandler Handler { get; }

    public static IngestHarness Start(AlarmIngestSettings? settings = null, Func<RecordedIncidentEvent, CancellationToken, Task>? onPublished = null) =>
        new(settings ?? new AlarmIngestSettings { StateMachineArn = StateMachineArn }, onPublished);

    public Task<AlarmIngestResult> HandleAsync(JsonElement alarmEvent, TestLambdaContext? context = null) =>
        Handler.HandleAsync(alarmEvent, context ?? new TestLambdaContext { CancellationToken = TestContext.Current.CancellationToken });

    public async ValueTask DisposeAsync()
    {
        _pipeline.Dispose();
        await StepFunctions.DisposeAsync();
    }
}
