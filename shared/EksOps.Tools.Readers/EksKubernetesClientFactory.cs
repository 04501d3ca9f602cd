using EksOps.Aws.Http;
using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Eks;
using k8s;

namespace EksOps.Tools.Readers;

/// <summary>
/// Builds Kubernetes clients for EKS clusters the way <c>aws eks update-kubeconfig</c> would configure kubectl:
/// endpoint and certificate authority from <c>DescribeCluster</c> (or the registry entry's <see cref="ClusterInfo.Endpoint"/>
/// and <see cref="ClusterInfo.CertificateAuthorityData"/>), and a bearer token per request from a presigned STS
/// <c>GetCallerIdentity</c>, signed with the function's own credentials or, when the cluster names a
/// <see cref="ClusterInfo.RoleArn"/>, with that role's. One client per cluster name, created once and reused across
/// warm invocations; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Tokens live 15 minutes; each request asks for one, and a new one is signed <see cref="EksKubernetesClientOptions.TokenRefreshBefore"/>
/// before the cached one expires (or before the assumed role's credentials do). The API server's certificate must
/// chain to the cluster's own CA, for the endpoint's host name; the system trust store is not consulted. A registry
/// endpoint without CA data is validated against the system store instead (an endpoint in front of EKS with a public
/// certificate); a loopback <c>http</c> endpoint gets no TLS at all.
/// </para>
/// <para>
/// A creation that fails (unknown cluster, cluster not <c>ACTIVE</c>, AWS unreachable, role not assumable) is not
/// kept: the next call for the cluster tries again. IAM: <c>eks:DescribeCluster</c> and, for roles,
/// <c>sts:AssumeRole</c>; Kubernetes access comes from the cluster's access entries or <c>aws-auth</c> mapping of the
/// identity.
/// </para>
/// </remarks>
public sealed class EksKubernetesClientFactory : IKubernetesClientFactory, IDisposable
{
    private readonly EksKubernetesClientOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<Task<Kubernetes>>> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Region, string? RoleArn), AwsIdentity> _identities = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates the factory; it calls nothing until a client is first asked for.</summary>
    /// <param name="options">AWS options, refresh windows and timeouts; null for the defaults.</param>
    public EksKubernetesClientFactory(EksKubernetesClientOptions? options = null)
    {
        options ??= new EksKubernetesClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenRefreshBefore, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.TokenRefreshBefore, EksTokenProvider.TokenLifetime - TimeSpan.FromMinutes(1), nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RoleRefreshBefore, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RoleSessionName, nameof(options));

        // A copy: changing the caller's instance later does not change clients half-way.
        _options = new EksKubernetesClientOptions
        {
            AwsOptions = options.AwsOptions,
            TokenRefreshBefore = options.TokenRefreshBefore,
            RoleRefreshBefore = options.RoleRefreshBefore,
            RoleSessionName = options.RoleSessionName,
            RequestTimeout = options.RequestTimeout,
        };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The first call for a cluster waits for <c>DescribeCluster</c> (and <c>AssumeRole</c>), once per sandbox: the
    /// interface is synchronous. Callers that can await use <see cref="GetClientAsync"/>.
    /// </remarks>
    public IKubernetes GetClient(ClusterInfo cluster) => GetClientAsync(cluster).GetAwaiter().GetResult();

    /// <summary>
    /// The AWS pipeline that acts as the cluster's identity (its Region; the role it names, assumed and renewed), so the
    /// CloudWatch reads of a cluster run with the same credentials as its Kubernetes access.
    /// </summary>
    /// <param name="cluster">The cluster.</param>
    /// <returns>The pipeline; the factory owns it and shares it between clusters with the same Region and role.</returns>
    public AwsHttpPipeline AwsPipelineFor(ClusterInfo cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Identity(cluster).Pipeline;
    }

    /// <summary>Returns the cluster's client, creating it on first use.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="cancellationToken">Stops this caller's wait; a creation other callers share keeps going.</param>
    /// <returns>The client; the factory owns it.</returns>
    /// <exception cref="ToolException">
    /// <c>unknown_cluster</c>: EKS has no such cluster; <c>cluster_unreachable</c>: it is not serving, has no endpoint or
    /// CA, or AWS could not be reached or refused the credentials.
    /// </exception>
    public async Task<IKubernetes> GetClientAsync(ClusterInfo cluster, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = _clients.GetOrAdd(cluster.Name, _ => new Lazy<Task<Kubernetes>>(() => CreateAsync(cluster)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Value.IsFaulted)
        {
            // Only this failed entry: a caller may already have put a fresh attempt in its place.
            _clients.TryRemove(KeyValuePair.Create(cluster.Name, entry));
            throw;
        }
    }

    /// <summary>Disposes every client and AWS pipeline created.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var entry in _clients.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Dispose();
            }
        }

        _clients.Clear();
        lock (_gate)
        {
            foreach (var identity in _identities.Values)
            {
                identity.Dispose();
            }

            _identities.Clear();
        }
    }

    private async Task<Kubernetes> CreateAsync(ClusterInfo cluster)
    {
        var identity = Identity(cluster);
        Uri endpoint;
        string? certificateAuthority;
        string tokenClusterId;
        if (cluster.Endpoint is { } configured)
        {
            (endpoint, certificateAuthority, tokenClusterId) = (configured, cluster.CertificateAuthorityData, cluster.Name);
        }
        else
        {
            var described = await DescribeAsync(identity, cluster).ConfigureAwait(false);
            (endpoint, certificateAuthority, tokenClusterId) = (described.Endpoint!, described.CertificateAuthorityData, described.TokenClusterId);
        }

        var configuration = new KubernetesClientConfiguration
        {
            Host = endpoint.ToString(),
            TokenProvider = new EksBearerTokenProvider(identity.Tokens, tokenClusterId, cluster.Name),
            HttpClientTimeout = _options.RequestTimeout,
        };
        if (certificateAuthority is not null)
        {
            configuration.FirstMessageHandlerSetup = ClusterCertificateAuthority.Parse(certificateAuthority, cluster.Name).Pin;
        }

        return new Kubernetes(configuration);
    }

    private AwsIdentity Identity(ClusterInfo cluster)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = (cluster.Region, cluster.RoleArn);
            if (!_identities.TryGetValue(key, out var identity))
            {
                identity = AwsIdentity.Create(cluster.Region, cluster.RoleArn, _options);
                _identities.Add(key, identity);
            }

            return identity;
        }
    }

    private static async Task<EksCluster> DescribeAsync(AwsIdentity identity, ClusterInfo cluster)
    {
        var where = $"{cluster.Region} (account {cluster.AccountId}{(cluster.RoleArn is null ? string.Empty : ", role " + cluster.RoleArn)})";
        EksCluster described;
        try
        {
            described = await new EksClient(identity.Pipeline).DescribeClusterAsync(cluster.Name).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Service == "eks" && e.ErrorCode == "ResourceNotFoundException")
        {
            throw new ToolException("unknown_cluster", $"EKS has no cluster named {cluster.Name} in {where}", e);
        }
        catch (AwsServiceException e)
        {
            // The pipeline assumes the role while signing, so an STS refusal surfaces here too.
            var call = e.Service == "sts" ? $"assuming role {cluster.RoleArn}" : "DescribeCluster";
            throw new ToolException(
                "cluster_unreachable", $"cannot look up EKS cluster {cluster.Name} in {where}: {call} failed ({e.ErrorCode}): {e.ErrorMessage ?? "no message"}", e);
        }
        catch (AmazonClientException e)
        {
            throw new ToolException("cluster_unreachable", $"cannot look up EKS cluster {cluster.Name} in {where}: no AWS credentials ({e.Message})", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or JsonException)
        {
            throw new ToolException("cluster_unreachable", $"cannot look up EKS cluster {cluster.Name} in {where}: {e.Message}", e);
        }

        if (described.Status is not (EksClusterStatus.Active or EksClusterStatus.Updating))
        {
            // UPDATING clusters keep serving; every other status means there is no API server to talk to.
            throw new ToolException("cluster_unreachable", $"EKS cluster {cluster.Name} in {where} is {described.StatusText ?? "in an unknown state"}, not ACTIVE");
        }

        if (described.Endpoint is not { Scheme: "https" })
        {
            throw new ToolException("cluster_unreachable", $"EKS cluster {cluster.Name} in {where} has no https API server endpoint");
        }

        return string.IsNullOrEmpty(described.CertificateAuthorityData)
            ? throw new ToolException("cluster_unreachable", $"EKS cluster {cluster.Name} in {where} has no certificate authority data")
            : described;
    }
}
