using System.Net.Http.Headers;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Eks;
using k8s.Authentication;

namespace EksOps.Tools.Readers;

/// <summary>
/// Gives the Kubernetes client an EKS bearer token for every request. <see cref="EksTokenProvider"/> caches the token
/// and signs a new one shortly before it expires, so a client reused across warm invocations never sends a stale one.
/// </summary>
/// <param name="tokens">The provider that signs with the cluster's credentials.</param>
/// <param name="clusterId">The name (or Outposts id) the token names in <c>x-k8s-aws-id</c>.</param>
/// <param name="clusterName">The registry's cluster name, for messages.</param>
internal sealed class EksBearerTokenProvider(EksTokenProvider tokens, string clusterId, string clusterName) : ITokenProvider
{
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        EksToken token;
        try
        {
            token = await tokens.GetTokenAsync(clusterId, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            // Refreshing assumed-role credentials is the only call signing makes.
            throw new ToolException(
                "cluster_unreachable",
                $"no bearer token for cluster {clusterName}: {e.Service} {e.Operation} failed ({e.ErrorCode}): {e.ErrorMessage ?? "no message"}",
                e);
        }
        catch (AmazonClientException e)
        {
            throw new ToolException("cluster_unreachable", $"no bearer token for cluster {clusterName}: no AWS credentials ({e.Message})", e);
        }

        return new AuthenticationHeaderValue("Bearer", token.Value);
    }
}
