using System.Text.Json;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.EventBridge;
using EksOps.Aws.Http;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;

namespace EksOps.AlarmIngest;

/// <summary>
/// The composition root of AlarmIngest in Lambda: settings, the incident store, Step Functions, EventBridge and (with
/// <c>EKSOPS_ALARM_TAGS</c>) CloudWatch for alarm tags, all from the environment, built once per sandbox in the runtime's initializer (so a missing variable is an init error that
/// names it). A local runner composes <see cref="AlarmIngestHandler"/> itself instead.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>variable</term><description>effect</description></listheader>
/// <item><term><c>EKSOPS_STATE_MACHINE_ARN</c></term><description>the incident state machine (required)</description></item>
/// <item><term><c>EKSOPS_INCIDENT_TABLE</c></term><description>the incident table (required; see <see cref="IncidentStoreFactory"/> for the store's other variables)</description></item>
/// <item><term><c>EKSOPS_CORRELATION_WINDOW_SECONDS</c></term><description>how long alarms on one workload fold into one incident; default 900</description></item>
/// <item><term><c>EKSOPS_APPROVAL_TIMEOUT_SECONDS</c>, <c>EKSOPS_VERIFY_WAIT_SECONDS</c></term><description>handed to the workflow as <c>settings</c>; defaults 3600 and 120</description></item>
/// <item><term><c>EKSOPS_EVENT_BUS_NAME</c></term><description>the bus incident events go to; default <c>default</c></description></item>
/// <item><term><c>EKSOPS_ALARM_TAGS</c></term><description>the tags an alarm must carry to be acted on (<see cref="AlarmTagFilter"/> syntax, e.g. <c>eksops:managed=true,team=payments</c>); unset or empty: every alarm; invalid: init error</description></item>
/// <item><term><c>EKSOPS_ALARM_TAGS_CACHE_SECONDS</c></term><description>how long an alarm's tags are remembered in a warm container, 0–86400; default 300</description></item>
/// <item><term><c>AWS_REGION</c>, <c>EKSOPS_ENDPOINT_STATES</c>, <c>EKSOPS_ENDPOINT_EVENTS</c>, <c>EKSOPS_ENDPOINT_MONITORING</c>, <c>EKSOPS_ENDPOINT_DYNAMODB</c>, <c>EKSOPS_ENDPOINT</c></term><description>region and endpoint overrides (see EksOps.Aws)</description></item>
/// </list>
/// </remarks>
public sealed class AlarmIngestHost : IDisposable
{
    private readonly AwsHttpPipeline _pipeline;
    private readonly IIncidentStore _store;

    private AlarmIngestHost(AlarmIngestSettings settings, IIncidentStore store, AwsHttpPipeline pipeline, TimeProvider time)
    {
        _store = store;
        _pipeline = pipeline;
        Settings = settings;
        Handler = new AlarmIngestHandler(
            store,
            new StepFunctionsExecutionStarter(new StepFunctionsClient(pipeline)),
            new EventBridgeIncidentEventSink(new EventBridgeClient(pipeline), settings.EventBusName),
            settings,
            time,
            settings.RequiredAlarmTags is null
                ? null
                : new CachedAlarmTagSource(new CloudWatchAlarmTagSource(new CloudWatchClient(pipeline), pipeline.Region), settings.AlarmTagsCacheDuration, time));
    }

    /// <summary>The handler every invocation runs.</summary>
    public AlarmIngestHandler Handler { get; }

    /// <summary>The settings read from the environment.</summary>
    public AlarmIngestSettings Settings { get; }

    /// <summary>Builds the host from the environment.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <param name="time">The clock; the system clock by default.</param>
    /// <returns>The host; dispose it to release its clients.</returns>
    /// <exception cref="InvalidOperationException">A variable is missing or invalid; the message names it.</exception>
    public static AlarmIngestHost FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        time ??= TimeProvider.System;
        var settings = AlarmIngestSettings.FromEnvironment(getVariable);
        var store = IncidentStoreFactory.FromEnvironment(getVariable, time);
        try
        {
            return new AlarmIngestHost(settings, store, new AwsHttpPipeline(new AwsClientOptions { GetEnvironmentVariable = getVariable, TimeProvider = time }), time);
        }
        catch
        {
            (store as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Runs AlarmIngest as a Lambda function: builds the host in the runtime's initializer, serves invocations, then disposes it.</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunLambdaAsync()
    {
        AlarmIngestHost? host = null;
        try
        {
            return await LambdaRuntime.RunAsync<JsonElement, AlarmIngestResult>(
                () =>
                {
                    host = FromEnvironment();
                    return host.Handler.HandleAsync;
                },
                AlarmIngestJsonContext.Default).ConfigureAwait(false);
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _pipeline.Dispose();
        (_store as IDisposable)?.Dispose();
    }
}
