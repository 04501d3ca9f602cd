using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Http;
using EksOps.Aws.Logs;
using EksOps.Simulation.CloudWatch;

namespace EksOps.Simulation.Tests.CloudWatch.Support;

/// <summary>A running simulator with the production clients pointed at it, the way the local runner wires them.</summary>
public sealed class SimulatorClients : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDSIMULATORTEST01";

    private SimulatorClients(CloudWatchSimulator simulator)
    {
        Simulator = simulator;
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials(AccessKeyId, "any-secret-will-do"),
            GetEnvironmentVariable = _ => null,
            Retry = new AwsRetryOptions { MaxAttempts = 1 },
        };
        options.Endpoints["monitoring"] = simulator.Endpoint;
        options.Endpoints["logs"] = simulator.Endpoint;
        Pipeline = new AwsHttpPipeline(options);
        CloudWatch = new CloudWatchClient(Pipeline);
        Logs = new CloudWatchLogsClient(Pipeline);
    }

    public CloudWatchSimulator Simulator { get; }

    public AwsHttpPipeline Pipeline { get; }

    public CloudWatchClient CloudWatch { get; }

    public CloudWatchLogsClient Logs { get; }

    public static async Task<SimulatorClients> StartAsync(SimulatedCloudWatch data, CloudWatchSimulatorOptions? options = null) =>
        new(await CloudWatchSimulator.StartAsync(data, options ?? new CloudWatchSimulatorOptions { QueryPollsBeforeComplete = 0 }, TestContext.Current.CancellationToken));

    public async ValueTask DisposeAsync()
    {
        Pipeline.Dispose();
        await Simulator.DisposeAsync();
    }
}
