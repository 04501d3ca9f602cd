using System.Net;
using System.Text.Json.Nodes;
using k8s;

namespace EksOps.Tools.Readers;

/// <summary>
/// Raw JSON reads over the HttpClient, base address and credentials a KubernetesClient <see cref="Kubernetes"/> is
/// configured with, so any kind and apiVersion can be read (resolved through API discovery).
/// </summary>
internal sealed class KubernetesRest
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pod"] = "v1", ["Service"] = "v1", ["Node"] = "v1", ["Namespace"] = "v1", ["Event"] = "v1", ["ConfigMap"] = "v1",
        ["Secret"] = "v1", ["ServiceAccount"] = "v1", ["PersistentVolumeClaim"] = "v1", ["PersistentVolume"] = "v1",
        ["Endpoints"] = "v1", ["ResourceQuota"] = "v1", ["LimitRange"] = "v1", ["ReplicationController"] = "v1",
        ["Deployment"] = "apps/v1", ["ReplicaSet"] = "apps/v1", ["StatefulSet"] = "apps/v1", ["DaemonSet"] = "apps/v1",
        ["ControllerRevision"] = "apps/v1", ["Job"] = "batch/v1", ["CronJob"] = "batch/v1",
        ["HorizontalPodAutoscaler"] = "autoscaling/v2", ["PodDisruptionBudget"] = "policy/v1",
        ["Ingress"] = "networking.k8s.io/v1", ["NetworkPolicy"] = "networking.k8s.io/v1",
        ["StorageClass"] = "storage.k8s.io/v1", ["EndpointSlice"] = "discovery.k8s.io/v1",
    };

    private readonly Kubernetes _client;
    private readonly CancellationToken _cancellationToken;

    public KubernetesRest(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        _client = kubernetes as Kubernetes
            ?? throw new ToolException("unsupported", "generic Kubernetes reads need the KubernetesClient Kubernetes client");
        _cancellationToken = cancellationToken;
    }

    /// <summary>The REST path of a kind: its collection and whether it is namespaced.</summary>
    public async Task<(string ApiVersion, string Plural, bool Namespaced, string Kind)> ResolveAsync(string kind, string? apiVersion)
    {
        apiVersion ??= BuiltIn.GetValueOrDefault(kind);
        if (apiVersion is null)
        {
            throw new ToolException("unknown_kind", $"kind {kind} is not a built-in kind; give its apiVersion (e.g. elbv2.k8s.aws/v1beta1)");
        }

        var discovery = await GetAsync(GroupPath(apiVersion), $"the API resources of {apiVersion}").ConfigureAwait(false)
            ?? throw new ToolException("unknown_kind", $"the API server does not serve {apiVersion}");
        foreach (var resource in discovery["resources"]?.AsArray() ?? [])
        {
            var name = (string?)resource?["name"];
            if (name is not null && !name.Contains('/', StringComparison.Ordinal)
                && string.Equals((string?)resource!["kind"], kind, StringComparison.OrdinalIgnoreCase))
            {
                return (apiVersion, name, (bool?)resource["namespaced"] ?? false, (string)resource["kind"]!);
            }
        }

        throw new ToolException("unknown_kind", $"the API server serves no kind {kind} in {apiVersion}");
    }

    /// <summary>The path of a collection or, with a name, of one object.</summary>
    public static string ObjectPath(string apiVersion, string plural, string? ns, string? name) =>
        GroupPath(apiVersion)
        + (ns is null ? string.Empty : "/namespaces/" + Uri.EscapeDataString(ns))
        + "/" + plural
        + (name is null ? string.Empty : "/" + Uri.EscapeDataString(name));

    /// <summary>GETs a path; <see langword="null"/> for 404, a <see cref="ToolException"/> with the server's message for other failures.</summary>
    public async Task<JsonObject?> GetAsync(string pathAndQuery, string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_client.BaseUri, pathAndQuery.TrimStart('/')));
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            if (_client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, _cancellationToken).ConfigureAwait(false);
            }

            using var response = await _client.HttpClient.SendAsync(request, _cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(_cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = response.StatusCode switch
                {
                    HttpStatusCode.Forbidden => "forbidden",
                    HttpStatusCode.Unauthorized => "unauthorized",
                    HttpStatusCode.BadRequest => "bad_request",
                    HttpStatusCode.TooManyRequests => "throttled",
                    _ => "upstream_error",
                };
                throw new ToolException(code, $"Kubernetes API error reading {what} ({(int)response.StatusCode}): {KubernetesErrors.ServerMessage(body) ?? response.ReasonPhrase}");
            }

            return JsonNode.Parse(body) as JsonObject
                ?? throw new ToolException("upstream_error", $"the API server answered {what} with something other than a JSON object");
        }
        catch (HttpRequestException e)
        {
            throw new ToolException("cluster_unreachable", $"the Kubernetes API server could not be reached while reading {what}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!_cancellationToken.IsCancellationRequested)
        {
            throw new ToolException("timeout", $"the Kubernetes API server did not answer in time while reading {what}", e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ToolException("upstream_error", $"the API server answered {what} with invalid JSON", e);
        }
    }

    private static string GroupPath(string apiVersion) =>
        apiVersion.Contains('/', StringComparison.Ordinal) ? "/apis/" + apiVersion : "/api/" + apiVersion;
}
