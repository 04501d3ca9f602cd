using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace EksOps.Aws.Http;

/// <summary>
/// AWSSDK.Core's default credential chain (environment, container credentials, profiles), walked on the first request
/// instead of at construction, so that building a client never blocks or fails. The credentials found are then asked
/// for their current value on every request, which lets refreshing (container) credentials rotate.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials, IDisposable
{
    private readonly DefaultAWSCredentialsIdentityResolver _resolver = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved;

    public override ImmutableCredentials GetCredentials() =>
        GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var resolved = _resolved;
        if (resolved is null)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                // The resolver's own default bounds the instance-metadata probes; a token keeps it from hanging longer.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(35));
                _resolved ??= await _resolver.ResolveIdentityAsync(null, timeout.Token).ConfigureAwait(false);
                resolved = _resolved;
            }
            finally
            {
                _gate.Release();
            }
        }

        return await resolved.GetCredentialsAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _resolver.Dispose();
        _gate.Dispose();
    }
}
