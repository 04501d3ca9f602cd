using EksOps.Aws;
using EksOps.Aws.Eks;
using EksOps.Aws.Http;
using EksOps.Aws.Sts;

namespace EksOps.Tools.Readers;

/// <summary>
/// One AWS identity in one Region: the function's own, or a role it assumes. Its pipeline calls DescribeCluster and its
/// token provider signs the bearer tokens, so clusters sharing a Region and role share credentials and cached tokens.
/// </summary>
internal sealed class AwsIdentity : IDisposable
{
    private readonly AwsHttpPipeline? _home;
    private readonly StsClient? _sts;
    private readonly AssumedRoleCredentials? _role;

    private AwsIdentity(AwsHttpPipeline pipeline, EksTokenProvider tokens, AwsHttpPipeline? home = null, StsClient? sts = null, AssumedRoleCredentials? role = null)
    {
        Pipeline = pipeline;
        Tokens = tokens;
        _home = home;
        _sts = sts;
        _role = role;
    }

    /// <summary>The pipeline that acts as this identity.</summary>
    public AwsHttpPipeline Pipeline { get; }

    /// <summary>Signs and caches bearer tokens as this identity.</summary>
    public EksTokenProvider Tokens { get; }

    /// <summary>Creates the identity; nothing is called until it is first used.</summary>
    public static AwsIdentity Create(string region, string? roleArn, EksKubernetesClientOptions options)
    {
        var own = new AwsHttpPipeline(Options(region, options));
        if (roleArn is null)
        {
            return new AwsIdentity(own, new EksTokenProvider(own, options.TokenRefreshBefore));
        }

        // The function's own identity assumes the role through STS in the cluster's Region; the role's credentials then
        // sign both DescribeCluster and the tokens, and renew themselves before they expire.
        var sts = new StsClient(own);
        var role = new AssumedRoleCredentials(sts, new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = options.RoleSessionName }, options.RoleRefreshBefore);
        var assumed = Options(region, options);
        assumed.Credentials = role;
        var pipeline = new AwsHttpPipeline(assumed);
        return new AwsIdentity(pipeline, new EksTokenProvider(pipeline, options.TokenRefreshBefore), own, sts, role);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Pipeline.Dispose();
        _role?.Dispose();
        _sts?.Dispose();
        _home?.Dispose();
    }

    private static AwsClientOptions Options(string region, EksKubernetesClientOptions options)
    {
        var aws = options.AwsOptions?.Invoke(region) ?? new AwsClientOptions();
        aws.Region = region;
        return aws;
    }
}
