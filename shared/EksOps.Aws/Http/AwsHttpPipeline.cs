using System.Net;
using System.Runtime.ExceptionServices;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace EksOps.Aws.Http;

/// <summary>
/// The one HTTP pipeline every EksOps AWS client shares: an <see cref="HttpClient"/> whose handler signs each request
/// with SigV4 (AWSSDK.Core's <see cref="SigV4SigningHandler"/>), endpoint and region resolution with per-service
/// overrides, a timeout per attempt, and retries with exponential backoff and full jitter for throttling, 5xx and
/// transient network errors, honouring <c>Retry-After</c>. Error responses become <see cref="AwsServiceException"/>
/// (<see cref="AwsThrottlingException"/> for throttling). Thread-safe; create one per process and share it.
/// </summary>
public sealed class AwsHttpPipeline : IDisposable
{
    private static readonly HttpRequestOptionsKey<string> SigningServiceKey = new(SigV4SigningHandler.ServiceOptionKey);
    private static readonly HttpRequestOptionsKey<string> SigningRegionKey = new(SigV4SigningHandler.RegionOptionKey);

    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly DefaultChainCredentials? _defaultCredentials;
    private readonly Dictionary<string, Uri> _endpointOverrides;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly AwsRetryOptions _retry;
    private readonly TimeSpan _attemptTimeout;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="options">Region, credentials, endpoints, timeouts, retries; null for all defaults.</param>
    /// <exception cref="InvalidOperationException">No region is configured.</exception>
    public AwsHttpPipeline(AwsClientOptions? options = null)
    {
        options ??= new AwsClientOptions();
        _getEnvironmentVariable = options.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        Region = AwsEnvironment.ResolveRegion(options.Region, _getEnvironmentVariable);
        _endpointOverrides = new Dictionary<string, Uri>(options.Endpoints, StringComparer.OrdinalIgnoreCase);
        _retry = Validate(options.Retry ?? new AwsRetryOptions());
        _attemptTimeout = options.AttemptTimeout > TimeSpan.Zero ? options.AttemptTimeout : Timeout.InfiniteTimeSpan;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;

        AWSCredentials credentials;
        if (options.Credentials is null)
        {
            _defaultCredentials = new DefaultChainCredentials();
            credentials = _defaultCredentials;
        }
        else
        {
            credentials = options.Credentials;
        }

        Credentials = credentials;

        var transport = options.TransportHandler ?? new SocketsHttpHandler
        {
            // The signing handler must see every hop: a redirect followed below it would go out with a stale signature.
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(CreateSigningHandler(credentials, Region, transport, signedAt: null), disposeHandler: true)
        {
            // Each attempt has its own timeout (AttemptTimeout); the client's would also cut streamed bodies short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.TryParseAdd(options.UserAgent);
    }

    /// <summary>The region requests are signed for and default endpoints point at.</summary>
    public string Region { get; }

    /// <summary>
    /// The credentials requests are signed with (explicit, or the lazily resolved default chain); for code in this
    /// assembly that signs something other than a request, such as the presigned URL of an EKS token.
    /// </summary>
    internal AWSCredentials Credentials { get; }

    /// <summary>The clock used for backoff and polling delays and <c>Retry-After</c> dates (not for attempt timeouts, which are real time).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The endpoint of a service, after overrides (see <see cref="AwsEnvironment.ResolveEndpoint"/>).</summary>
    /// <param name="endpointPrefix">The service's endpoint prefix, e.g. <c>monitoring</c>.</param>
    /// <returns>The endpoint.</returns>
    public Uri ResolveEndpoint(string endpointPrefix) =>
        AwsEnvironment.ResolveEndpoint(endpointPrefix, Region, _endpointOverrides, _getEnvironmentVariable);

    /// <summary>
    /// Sends a request, retrying as configured, and returns the successful response read whole.
    /// </summary>
    /// <param name="operation">The service and operation.</param>
    /// <param name="createRequest">Builds a fresh request for the resolved endpoint; called once per attempt.</param>
    /// <param name="cancellationToken">Cancels the call, including any backoff wait.</param>
    /// <returns>The 2xx response.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error (after retries, if it was retryable).</exception>
    /// <exception cref="TimeoutException">Every attempt timed out.</exception>
    /// <exception cref="HttpRequestException">The last attempt failed in the network.</exception>
    public async Task<AwsResponse> SendAsync(AwsOperation operation, Func<Uri, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var (response, body, attempts) = await SendCoreAsync(operation, createRequest, buffer: true, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return new AwsResponse(response.StatusCode, response.Headers, body!, attempts);
        }
    }

    /// <summary>
    /// Sends a request whose successful response is streamed (for example <c>application/vnd.amazon.eventstream</c>):
    /// retries apply until response headers arrive; the caller owns, reads and disposes the returned response.
    /// </summary>
    /// <param name="operation">The service and operation.</param>
    /// <param name="createRequest">Builds a fresh request for the resolved endpoint; called once per attempt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The 2xx response, its body unread.</returns>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    public async Task<HttpResponseMessage> SendStreamingAsync(AwsOperation operation, Func<Uri, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var (response, _, _) = await SendCoreAsync(operation, createRequest, buffer: false, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _defaultCredentials?.Dispose();
    }

    /// <summary>The signing handler exactly as the pipeline installs it; the SigV4 test suite runs through this.</summary>
    internal static SigV4SigningHandler CreateSigningHandler(AWSCredentials credentials, string region, HttpMessageHandler transport, DateTime? signedAt) =>
        new(
            new AWSSigV4Parameters
            {
                Credentials = credentials,
                Region = RegionEndpoint.GetBySystemName(region),
                // Every request names its own signing service (SigningServiceKey); this default is never used.
                Service = "execute-api",
                SignPayload = true,
                SignedAt = signedAt,
            },
            transport);

    /// <summary>Marks a request with the signing service and region, as the pipeline does before every attempt.</summary>
    internal static void SetSigningScope(HttpRequestMessage request, string signingName, string region)
    {
        request.Options.Set(SigningServiceKey, signingName);
        request.Options.Set(SigningRegionKey, region);
    }

    /// <summary>Full-jitter backoff for the retry after <paramref name="attempt"/>, raised to <paramref name="retryAfter"/>.</summary>
    internal static TimeSpan Backoff(AwsRetryOptions retry, int attempt, TimeSpan? retryAfter, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var capTicks = Math.Min(retry.MaxBackoff.Ticks, retry.BaseDelay.Ticks * Math.Pow(2, exponent));
        // Task.Delay counts whole milliseconds, so a jittered wait under one would not wait at all: one is the floor.
        var delay = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(capTicks * random)));
        return retryAfter is { } after && after > delay ? after : delay;
    }

    private async Task<(HttpResponseMessage Response, byte[]? Body, int Attempts)> SendCoreAsync(
        AwsOperation operation, Func<Uri, HttpRequestMessage> createRequest, bool buffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(createRequest);
        var endpoint = ResolveEndpoint(operation.EndpointPrefix);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan? retryAfter = null;
            Exception? transient;

            using (var request = createRequest(endpoint))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Real time on purpose: the attempt timeout bounds the network, TimeProvider only paces our own waits.
                linked.CancelAfter(_attemptTimeout);
                SetSigningScope(request, operation.SigningName, Region);
                HttpResponseMessage? response = null;
                try
                {
                    response = await _http.SendAsync(
                        request, buffer ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead, linked.Token)
                        .ConfigureAwait(false);

                    if (response.IsSuccessStatusCode)
                    {
                        var body = buffer ? await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false) : null;
                        var success = response;
                        response = null;
                        return (success, body, attempt);
                    }

                    var errorBody = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
                    retryAfter = RetryAfter(response);
                    var error = AwsErrorParser.Parse(
                        operation.EndpointPrefix, operation.Name, response.StatusCode, response.Headers, errorBody, attempt, retryAfter);
                    if (!error.IsRetryable || attempt >= _retry.MaxAttempts || retryAfter > _retry.MaxRetryAfter)
                    {
                        throw error;
                    }

                    transient = null;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    transient = new TimeoutException(
                        $"{operation.EndpointPrefix} {operation.Name}: no complete response within {_attemptTimeout.TotalSeconds:0.###} s (attempt {attempt} of {_retry.MaxAttempts}).");
                    if (!operation.RetryAfterTimeout)
                    {
                        throw transient;
                    }
                }
                catch (HttpRequestException ex)
                {
                    transient = ex;
                }
                catch (IOException ex)
                {
                    transient = ex;
                }
                finally
                {
                    response?.Dispose();
                }

                if (transient is not null && attempt >= _retry.MaxAttempts)
                {
                    ExceptionDispatchInfo.Throw(transient);
                }
            }

            var delay = Backoff(_retry, attempt, retryAfter, Random.Shared.NextDouble());
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - TimeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }

    private static AwsRetryOptions Validate(AwsRetryOptions retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.MaxAttempts, 1, $"{nameof(AwsClientOptions.Retry)}.{nameof(AwsRetryOptions.MaxAttempts)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.BaseDelay, TimeSpan.Zero, $"{nameof(AwsClientOptions.Retry)}.{nameof(AwsRetryOptions.BaseDelay)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.MaxBackoff, TimeSpan.Zero, $"{nameof(AwsClientOptions.Retry)}.{nameof(AwsRetryOptions.MaxBackoff)}");
        return new AwsRetryOptions
        {
            MaxAttempts = retry.MaxAttempts,
            BaseDelay = retry.BaseDelay,
            MaxBackoff = retry.MaxBackoff,
            MaxRetryAfter = retry.MaxRetryAfter,
        };
    }
}
