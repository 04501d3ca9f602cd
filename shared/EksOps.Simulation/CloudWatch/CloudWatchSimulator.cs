using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// A CloudWatch and CloudWatch Logs endpoint on a loopback port that serves a <see cref="SimulatedCloudWatch"/> over
/// the protocols AWS uses, so the production clients work against it unchanged: CloudWatch over AWS JSON 1.0
/// (<c>X-Amz-Target: GraniteServiceVersion20100801.*</c>, query-compatible errors) for <c>GetMetricData</c>,
/// <c>DescribeAlarms</c> and <c>DescribeAlarmHistory</c>; CloudWatch Logs over AWS JSON 1.1
/// (<c>X-Amz-Target: Logs_20140328.*</c>) for <c>FilterLogEvents</c>, <c>StartQuery</c>, <c>GetQueryResults</c> and
/// <c>StopQuery</c>. Requests must be SigV4-signed (any signature is accepted; an unsigned request is refused as AWS
/// refuses it). One endpoint serves both services.
/// </summary>
/// <example>
/// <code>
/// var cloudWatch = new SimulatedCloudWatch(series, [SimulatedAlarm.FromEvent(alarmJson)], logEvents, now);
/// await using var simulator = await CloudWatchSimulator.StartAsync(cloudWatch);
/// using var pipeline = new AwsHttpPipeline(new AwsClientOptions
/// {
///     Region = "us-east-1",
///     Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
///     Endpoints = { ["monitoring"] = simulator.Endpoint, ["logs"] = simulator.Endpoint },
/// });
/// var data = await new CloudWatchClient(pipeline).GetMetricDataAsync(request);
/// </code>
/// </example>
public sealed class CloudWatchSimulator : IAsyncDisposable
{
    private readonly CloudWatchSimulatorOptions _options;
    private readonly Lock _gate = new();
    private readonly List<RecordedCloudWatchRequest> _requests = [];
    private WebApplication? _app;
    private int _disposed;

    private CloudWatchSimulator(SimulatedCloudWatch cloudWatch, CloudWatchSimulatorOptions options)
    {
        CloudWatch = cloudWatch;
        _options = options;
    }

    /// <summary>The data served.</summary>
    public SimulatedCloudWatch CloudWatch { get; }

    /// <summary>The endpoint, <c>http://127.0.0.1:port/</c>, for both services.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The endpoint under each endpoint prefix it serves (<c>monitoring</c>, <c>logs</c>), for <c>AwsClientOptions.Endpoints</c>.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints => new Dictionary<string, Uri>(StringComparer.Ordinal)
    {
        ["monitoring"] = Endpoint,
        ["logs"] = Endpoint,
    };

    /// <summary>Every request answered, in order.</summary>
    public IReadOnlyList<RecordedCloudWatchRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a simulator for <paramref name="cloudWatch"/> on <c>127.0.0.1</c> and an ephemeral port (plain HTTP).</summary>
    /// <param name="cloudWatch">The data to serve.</param>
    /// <param name="options">Query timing and account; defaults when omitted.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<CloudWatchSimulator> StartAsync(
        SimulatedCloudWatch cloudWatch, CloudWatchSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloudWatch);
        options ??= new CloudWatchSimulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.QueryPollsBeforeComplete);
        var simulator = new CloudWatchSimulator(cloudWatch, options);
        try
        {
            await simulator.StartKestrelAsync(cancellationToken).ConfigureAwait(false);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the simulator and closes its port.</summary>
    /// <returns>A task that completes when the port is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _app is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not close in time were aborted.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StartKestrelAsync(CancellationToken cancellationToken)
    {
        // An empty host: Kestrel alone, no configuration sources, no logging, no middleware.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        _app = builder.Build();
        var handler = new CloudWatchHandler(CloudWatch, _options, Recorded);
        _app.Run(handler.HandleAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        Endpoint = new Uri($"http://127.0.0.1:{new Uri(bound).Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    private void Recorded(RecordedCloudWatchRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }
}
