using Amazon.Runtime;

namespace EksOps.Aws;

/// <summary>
/// How an <see cref="Http.AwsHttpPipeline"/> reaches AWS: region, credentials, endpoint overrides, timeouts, retries.
/// Everything is optional; unset values come from the environment.
/// </summary>
/// <remarks>
/// <list type="table">
///   <listheader><term>environment variable</term><description>used for</description></listheader>
///   <item><term><c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c></term><description>the region, unless <see cref="Region"/> is set</description></item>
///   <item><term><c>EKSOPS_ENDPOINT_&lt;SERVICE&gt;</c></term><description>the endpoint of one service, e.g. <c>EKSOPS_ENDPOINT_MONITORING=http://127.0.0.1:5000</c>; the service is the endpoint prefix upper-cased with <c>-</c> as <c>_</c></description></item>
///   <item><term><c>EKSOPS_ENDPOINT</c></term><description>the endpoint of every service without its own override (one emulator for all)</description></item>
///   <item><term><c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>, container credentials, profiles</term><description>the credentials, through AWSSDK.Core's default chain, unless <see cref="Credentials"/> is set</description></item>
/// </list>
/// </remarks>
public sealed class AwsClientOptions
{
    /// <summary>The region, e.g. <c>eu-west-1</c>. Null: <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Explicit credentials (tests, assumed roles). Null: AWSSDK.Core's <c>DefaultAWSCredentialsIdentityResolver</c>
    /// (environment, container credentials, profiles), resolved on the first request rather than at construction.
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>
    /// Endpoint per service, keyed by endpoint prefix (<c>monitoring</c>, <c>logs</c>, …; case-insensitive). Wins over
    /// the <c>EKSOPS_ENDPOINT_*</c> variables.
    /// </summary>
    public IDictionary<string, Uri> Endpoints { get; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one attempt (send and read the whole response) may take before it counts as a transient failure. Default 20 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retry limits and backoff.</summary>
    public AwsRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// The transport under the signing handler. Null: a <see cref="SocketsHttpHandler"/> without redirects, proxies or
    /// cookies. A handler given here is owned, and disposed, by the pipeline; it must not follow redirects.
    /// </summary>
    public HttpMessageHandler? TransportHandler { get; set; }

    /// <summary>The clock for backoff delays, query polling and <c>Retry-After</c> dates. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reads an environment variable; replaceable so that tests need not change the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The <c>User-Agent</c> sent with every request.</summary>
    public string UserAgent { get; set; } = "eksops-aws/1.0";
}
