using System.Net;
using System.Text.Json.Nodes;
using EksOps.Tools;
using EksOps.Tools.Readers;
using k8s;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>
/// Reads a runbook's target in full, as the API server returns it, over the same Kubernetes client the write uses:
/// the state before a change, from which its inverse patch is built. Not through the registry's read tools on
/// purpose: those redact and cap their output for models, and an inverse patch must restore exact values.
/// </summary>
internal static class TargetSnapshot
{
    /// <summary>The object, or <see langword="null"/> when it does not exist.</summary>
    /// <exception cref="HttpRequestException">The API server refused the read or could not be reached.</exception>
    public static async Task<JsonObject?> ReadAsync(IKubernetesClientFactory kubernetes, ClusterInfo cluster, string path, CancellationToken cancellationToken)
    {
        var client = kubernetes.GetClient(cluster) as Kubernetes
            ?? throw new HttpRequestException("reading a target in full needs the KubernetesClient Kubernetes client");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.ParseAdd("application/json");
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return JsonNode.Parse(body) as JsonObject;
    }
}
