using System.Text.Json.Nodes;

namespace EksOps.Tools.Readers;

/// <summary>The bodies of <c>list_k8s_resources</c> and <c>get_k8s_resource</c>: any kind, through API discovery.</summary>
/// <param name="clients">The Kubernetes clients per cluster.</param>
public sealed class K8sResourceTools(IKubernetesClientFactory clients)
{
    private const int MaxOwnerDepth = 6;

    /// <summary>The <c>list_k8s_resources</c> body.</summary>
    public IToolHandler List => new Handler(ListAsync);

    /// <summary>The <c>get_k8s_resource</c> body.</summary>
    public IToolHandler Get => new Handler(GetAsync);

    private async ValueTask<JsonObject> ListAsync(ToolArguments arguments, ToolContext context)
    {
        var rest = new KubernetesRest(clients.GetClient(context.Cluster), context.CancellationToken);
        var (apiVersion, plural, namespaced, kind) = await rest.ResolveAsync(arguments.GetString("kind"), arguments.GetOptionalString("apiVersion")).ConfigureAwait(false);
        var ns = namespaced ? arguments.GetOptionalString("namespace") : null;
        var limit = arguments.GetInt32("limit");
        var query = new List<string> { "limit=" + limit };
        if (arguments.GetOptionalString("labelSelector") is { } labels)
        {
            query.Add("labelSelector=" + Uri.EscapeDataString(labels));
        }

        if (arguments.GetOptionalString("fieldSelector") is { } fields)
        {
            query.Add("fieldSelector=" + Uri.EscapeDataString(fields));
        }

        var what = $"{kind} objects" + (ns is null ? string.Empty : $" in namespace {ns}");
        var list = await rest.GetAsync(KubernetesRest.ObjectPath(apiVersion, plural, ns, null) + "?" + string.Join('&', query), what).ConfigureAwait(false)
            ?? throw new ToolException("not_found", $"the API server has no {what}");
        var objects = (list["items"]?.AsArray() ?? []).Where(o => o is not null).ToList();
        var items = new JsonArray();
        foreach (var obj in objects.Take(limit))
        {
            var item = new JsonObject { ["name"] = (string?)obj!["metadata"]?["name"] ?? string.Empty };
            if ((string?)obj["metadata"]?["namespace"] is { } itemNamespace)
            {
                item["namespace"] = itemNamespace;
            }

            if (KubernetesSummaries.StatusLine(kind, obj) is { } status)
            {
                item["status"] = status;
            }

            if ((string?)obj["metadata"]?["creationTimestamp"] is { } created)
            {
                item["createdAt"] = created;
            }

            if (obj["metadata"]?["labels"] is JsonObject itemLabels)
            {
                item["labels"] = itemLabels.DeepClone();
            }

            if (KubernetesSummaries.Controller(obj) is { } owner)
            {
                item["owner"] = $"{owner["kind"]}/{owner["name"]}";
            }

            items.Add((JsonNode)item);
        }

        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        if (ns is not null)
        {
            result["namespace"] = ns;
        }

        result["count"] = items.Count;
        var remaining = list["metadata"]?["remainingItemCount"] is { } left ? KubernetesSummaries.Integer(left) : Math.Max(0, objects.Count - limit);
        if (remaining > 0)
        {
            result["remaining"] = remaining;
        }

        result["items"] = items;
        return result;
    }

    private async ValueTask<JsonObject> GetAsync(ToolArguments arguments, ToolContext context)
    {
        var rest = new KubernetesRest(clients.GetClient(context.Cluster), context.CancellationToken);
        var (apiVersion, plural, namespaced, kind) = await rest.ResolveAsync(arguments.GetString("kind"), arguments.GetOptionalString("apiVersion")).ConfigureAwait(false);
        var name = arguments.GetString("name");
        var ns = arguments.GetOptionalString("namespace");
        if (namespaced && ns is null)
        {
            throw new ToolException("namespace_required", $"{kind} is namespaced; give the namespace of {name}");
        }

        if (!namespaced)
        {
            ns = null;
        }

        var what = $"{kind} {(ns is null ? name : ns + "/" + name)}";
        var obj = await rest.GetAsync(KubernetesRest.ObjectPath(apiVersion, plural, ns, name), what).ConfigureAwait(false)
            ?? throw new ToolException("not_found", $"{what} was not found");
        (obj["metadata"] as JsonObject)?.Remove("managedFields");

        var chain = new JsonArray();
        var current = (JsonNode)obj;
        for (var depth = 0; depth < MaxOwnerDepth && KubernetesSummaries.Controller(current) is { } owner; depth++)
        {
            var ownerKind = (string?)owner["kind"] ?? string.Empty;
            var ownerName = (string?)owner["name"] ?? string.Empty;
            chain.Add((JsonNode)new JsonObject { ["kind"] = ownerKind, ["name"] = ownerName, ["uid"] = (string?)owner["uid"] ?? string.Empty });
            if (ns is null || ownerKind.Length == 0 || ownerName.Length == 0)
            {
                break;
            }

            // An owner of a namespaced object lives in the same namespace; a kind the server does not serve ends the chain.
            JsonObject? next;
            try
            {
                var resolved = await rest.ResolveAsync(ownerKind, (string?)owner["apiVersion"]).ConfigureAwait(false);
                next = await rest.GetAsync(KubernetesRest.ObjectPath(resolved.ApiVersion, resolved.Plural, resolved.Namespaced ? ns : null, ownerName), $"{ownerKind} {ns}/{ownerName}").ConfigureAwait(false);
            }
            catch (ToolException e) when (e.Code is "unknown_kind" or "forbidden")
            {
                next = null;
            }

            if (next is null)
            {
                break;
            }

            current = next;
        }

        var result = new JsonObject { ["object"] = obj };
        if (chain.Count > 0)
        {
            result["ownerChain"] = chain;
        }

        if (kind == "Pod")
        {
            result["podStatus"] = KubernetesSummaries.PodStatus(obj);
        }

        return result;
    }

    private sealed class Handler(Func<ToolArguments, ToolContext, ValueTask<JsonObject>> body) : IToolHandler
    {
        public ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context)
        {
            ArgumentNullException.ThrowIfNull(arguments);
            ArgumentNullException.ThrowIfNull(context);
            return body(arguments, context);
        }
    }
}
