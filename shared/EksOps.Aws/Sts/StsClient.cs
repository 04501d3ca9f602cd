using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using EksOps.Aws.Http;
using Sdk = Amazon.SecurityToken.Model;

namespace EksOps.Aws.Sts;

/// <summary>
/// AWS STS (<c>sts</c>, 2011-06-15): <c>AssumeRole</c> and <c>GetCallerIdentity</c>, through the AWSSDK.SecurityToken
/// client (Native AOT clean) configured from a pipeline: its credentials, its region, and its STS endpoint (regional,
/// unless <c>EKSOPS_ENDPOINT_STS</c> or <c>EKSOPS_ENDPOINT</c> overrides it). Errors are thrown as
/// <see cref="AwsServiceException"/>, like every other client here.
/// </summary>
/// <remarks>
/// IAM: <c>sts:AssumeRole</c> on the roles to assume (and a trust policy on each that lets this principal in);
/// <c>GetCallerIdentity</c> needs no permission.
/// </remarks>
public sealed class StsClient : IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _sdk;

    /// <summary>
    /// Creates the client for the credentials, region and endpoint of <paramref name="pipeline"/>. The SDK client has
    /// its own HTTP stack: a 20 s timeout and 3 retries (the SDK's standard mode), not the pipeline's settings.
    /// </summary>
    /// <param name="pipeline">The pipeline whose identity assumes roles.</param>
    /// <exception cref="InvalidOperationException">The STS endpoint override is not an absolute http(s) URI.</exception>
    public StsClient(AwsHttpPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        TimeProvider = pipeline.TimeProvider;
        Region = pipeline.Region;
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = pipeline.ResolveEndpoint("sts").ToString(),
            AuthenticationRegion = pipeline.Region,
            // Endpoints come from the pipeline (EKSOPS_ENDPOINT_*), not from AWS_ENDPOINT_URL* or the shared config file.
            IgnoreConfiguredEndpointUrls = true,
            Timeout = TimeSpan.FromSeconds(20),
            MaxErrorRetry = 3,
        };
        _sdk = new AmazonSecurityTokenServiceClient(pipeline.Credentials, config);
    }

    /// <summary>The region STS is called in.</summary>
    public string Region { get; }

    /// <summary>The clock of the pipeline the client was made from (used by <see cref="AssumedRoleCredentials"/>).</summary>
    internal TimeProvider TimeProvider { get; }

    /// <summary>Assumes a role and returns its temporary credentials.</summary>
    /// <param name="request">The role, session name, duration, external id and session policy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials and the assumed-role identity.</returns>
    /// <exception cref="AwsServiceException">STS answered with an error (e.g. <c>AccessDenied</c>, <c>RegionDisabledException</c>).</exception>
    public async Task<AssumeRoleResult> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RoleArn, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RoleSessionName, nameof(request));
        var sdkRequest = new Sdk.AssumeRoleRequest
        {
            RoleArn = request.RoleArn,
            RoleSessionName = request.RoleSessionName,
            ExternalId = request.ExternalId,
            Policy = request.Policy,
        };
        if (request.Duration is { } duration)
        {
            sdkRequest.DurationSeconds = (int)Math.Ceiling(duration.TotalSeconds);
        }

        var response = await CallAsync("AssumeRole", () => _sdk.AssumeRoleAsync(sdkRequest, cancellationToken)).ConfigureAwait(false);
        var credentials = response.Credentials ?? throw new AwsServiceException("sts", "AssumeRole", HttpStatusCode.OK, "MissingCredentials", "The response has no credentials.", response.ResponseMetadata?.RequestId);
        return new AssumeRoleResult
        {
            Credentials = new TemporaryCredentials(
                credentials.AccessKeyId,
                credentials.SecretAccessKey,
                credentials.SessionToken,
                ToUtc(credentials.Expiration ?? throw new AwsServiceException("sts", "AssumeRole", HttpStatusCode.OK, "MissingExpiration", "The credentials have no expiration.", response.ResponseMetadata?.RequestId))),
            AssumedRoleArn = response.AssumedRoleUser?.Arn,
            AssumedRoleId = response.AssumedRoleUser?.AssumedRoleId,
        };
    }

    /// <summary>Asks STS whose credentials these are.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account, ARN and user id.</returns>
    /// <exception cref="AwsServiceException">STS answered with an error (e.g. <c>InvalidClientTokenId</c>, <c>SignatureDoesNotMatch</c>).</exception>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("GetCallerIdentity", () => _sdk.GetCallerIdentityAsync(new Sdk.GetCallerIdentityRequest(), cancellationToken)).ConfigureAwait(false);
        return new CallerIdentity(response.Account ?? string.Empty, response.Arn ?? string.Empty, response.UserId ?? string.Empty);
    }

    /// <inheritdoc/>
    public void Dispose() => _sdk.Dispose();

    private static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            var code = string.IsNullOrEmpty(ex.ErrorCode) ? ((int)ex.StatusCode).ToString(CultureInfo.InvariantCulture) : ex.ErrorCode;
            var fault = ex.ErrorType switch { ErrorType.Sender => "Sender", ErrorType.Receiver => "Receiver", _ => null };
            throw AwsErrorClassifier.IsThrottling(ex.StatusCode, code)
                ? new AwsThrottlingException("sts", operation, ex.StatusCode, code, ex.Message, ex.RequestId) { Fault = fault }
                : new AwsServiceException("sts", operation, ex.StatusCode, code, ex.Message, ex.RequestId) { Fault = fault };
        }
    }

    private static DateTimeOffset ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
