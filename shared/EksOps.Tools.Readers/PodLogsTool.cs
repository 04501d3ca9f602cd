using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace EksOps.Tools.Readers;

/// <summary>The body of <c>get_pod_logs</c>: one container's log, current or previous instance.</summary>
/// <param name="clients">The Kubernetes clients per cluster.</param>
public sealed class PodLogsTool(IKubernetesClientFactory clients) : IToolHandler
{
    /// <inheritdoc/>
    public async ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var kubernetes = clients.GetClient(context.Cluster);
        var cancellationToken = context.CancellationToken;
        var ns = arguments.GetString("namespace");
        var podName = arguments.GetString("pod");
        var requested = arguments.GetOptionalString("container");
        var previous = arguments.GetBoolean("previous");

        var pod = await KubernetesErrors.Call(
            () => kubernetes.CoreV1.ReadNamespacedPodAsync(podName, ns, cancellationToken: cancellationToken),
            $"pod {ns}/{podName}",
            cancellationToken).ConfigureAwait(false);

        var appContainers = pod.Spec?.Containers?.Select(c => c.Name).ToList() ?? [];
        var initContainers = pod.Spec?.InitContainers?.Select(c => c.Name).ToList() ?? [];
        var all = initContainers.Concat(appContainers).ToList();
        string container;
        if (requested is not null)
        {
            if (!all.Contains(requested, StringComparer.Ordinal))
            {
                throw new ToolException("not_found", $"pod {ns}/{podName} has no container {requested}; its containers are {string.Join(", ", all)}");
            }

            container = requested;
        }
        else
        {
            container = appContainers.FirstOrDefault()
                ?? throw new ToolException("not_found", $"pod {ns}/{podName} has no containers");
        }

        var text = await KubernetesErrors.Call(
            async () =>
            {
                using var stream = await kubernetes.CoreV1.ReadNamespacedPodLogAsync(
                    podName,
                    ns,
                    container: container,
                    limitBytes: arguments.Has("limitBytes") ? arguments.GetInt32("limitBytes") : null,
                    previous: previous,
                    sinceSeconds: arguments.Has("sinceSeconds") ? arguments.GetInt32("sinceSeconds") : null,
                    tailLines: arguments.Has("tailLines") ? arguments.GetInt32("tailLines") : null,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            },
            $"the {(previous ? "previous " : string.Empty)}log of container {container} of pod {ns}/{podName}",
            cancellationToken).ConfigureAwait(false);

        var lineCount = text.Length == 0 ? 0 : text.TrimEnd('\n').Split('\n').Length;
        return new JsonObject
        {
            ["namespace"] = ns,
            ["pod"] = podName,
            ["container"] = container,
            ["containers"] = new JsonArray([.. all.Select(name => (JsonNode?)JsonValue.Create(name))]),
            ["previous"] = previous,
            ["lineCount"] = lineCount,
            ["log"] = text,
        };
    }
}
