using Amazon.Runtime;

namespace EksOps.Aws.Sts;

/// <summary>
/// Credentials of an assumed role that renew themselves: the first request assumes the role, and later requests reuse
/// the temporary credentials until <see cref="RefreshBefore"/> before they expire, then assume the role again. Give
/// them to <see cref="AwsClientOptions.Credentials"/> to make a pipeline act in another account. After the first
/// use, <see cref="Amazon.Runtime.Identity.BaseIdentity.Expiration"/> says when the current credentials expire.
/// </summary>
/// <example>
/// <code>
/// using var home = new AwsHttpPipeline();
/// using var sts = new StsClient(home);
/// using var credentials = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/eksops-reader" });
/// using var remote = new AwsHttpPipeline(new AwsClientOptions { Credentials = credentials });
/// var cluster = await new EksClient(remote).DescribeClusterAsync("prod");
/// var token = await new EksTokenProvider(remote).GetTokenAsync(cluster);
/// </code>
/// </example>
public sealed class AssumedRoleCredentials : AWSCredentials, IDisposable
{
    private readonly StsClient _sts;
    private readonly AssumeRoleRequest _request;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile AssumeRoleResult? _current;

    /// <summary>Creates the credentials; nothing is called until they are first used.</summary>
    /// <param name="sts">The STS client whose identity assumes the role (its pipeline's clock is used).</param>
    /// <param name="request">The role to assume.</param>
    /// <param name="refreshBefore">How long before expiry to assume the role again; default 5 minutes.</param>
    public AssumedRoleCredentials(StsClient sts, AssumeRoleRequest request, TimeSpan? refreshBefore = null)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RoleArn, nameof(request));
        _sts = sts;
        _request = request;
        _time = sts.TimeProvider;
        RefreshBefore = refreshBefore ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(RefreshBefore, TimeSpan.Zero, nameof(refreshBefore));
    }

    /// <summary>The role.</summary>
    public string RoleArn => _request.RoleArn;

    /// <summary>How long before expiry the role is assumed again.</summary>
    public TimeSpan RefreshBefore { get; }

    /// <summary>The assumed-role ARN of the current credentials; null before the role was first assumed.</summary>
    public string? AssumedRoleArn => _current?.AssumedRoleArn;

    /// <inheritdoc/>
    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    /// <inheritdoc/>
    /// <exception cref="AwsServiceException">STS refused to let this principal assume the role.</exception>
    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var current = _current;
        if (current is null || !IsFresh(current))
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                current = _current;
                if (current is null || !IsFresh(current))
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    current = await _sts.AssumeRoleAsync(_request, timeout.Token).ConfigureAwait(false);
                    _current = current;

                    // BaseIdentity.Expiration: when the current credentials stop working (EksTokenProvider caps tokens at it).
                    Expiration = current.Credentials.Expiration.UtcDateTime;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        var credentials = current.Credentials;
        return new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private bool IsFresh(AssumeRoleResult result) => _time.GetUtcNow() < result.Credentials.Expiration - RefreshBefore;
}
