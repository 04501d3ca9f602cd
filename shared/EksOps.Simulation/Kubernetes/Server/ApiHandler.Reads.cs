using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EksOps.Simulation.Kubernetes;

/// <summary>Reads: get and list (selectors, paging), as objects, server-side tables or metadata.</summary>
internal sealed partial class ApiHandler
{
    private Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var (representation, version) = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString(), discovery: false);
        var stored = Store.Get(request.Type.StorageKey, request.Namespace, request.Name!) ?? throw ApiErrors.NotFound(request.Type, request.Name!);
        JsonObject body = representation switch
        {
            Representation.Table => TableConverter.Convert(
                request.Type, [stored], [Served(request.Type, stored.CloneObject())], version, Query(context, "includeObject"), _cluster.Now,
                new JsonObject { ["resourceVersion"] = stored.Str("metadata", "resourceVersion") }),
            Representation.Metadata => PartialMetadata(stored, version),
            _ => Served(request.Type, stored),
        };
        return WriteJsonAsync(context, 200, body, ContentType(representation, version));
    }

    private async Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var (representation, version) = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString(), discovery: false);
        var type = request.Type;
        var labels = ParseLabelSelector(Query(context, "labelSelector"));
        var fields = FieldSelector.Parse(Query(context, "fieldSelector"), type);
        if (request.Name is not null)
        {
            fields = FieldSelector.Parse(
                string.Join(",", new[] { Query(context, "fieldSelector"), "metadata.name=" + request.Name }.Where(s => !string.IsNullOrEmpty(s))), type);
        }

        if (request.WatchPath || QueryFlag(context, "watch"))
        {
            await WatchAsync(context, request, labels, fields, representation, version).ConfigureAwait(false);
            return;
        }

        var limit = QueryInt(context, "limit") ?? 0;
        var continueToken = Query(context, "continue");
        List<JsonObject> items;
        long resourceVersion;
        lock (Store.Gate)
        {
            items = Store.List(type.StorageKey, request.Namespace);
            resourceVersion = Store.ResourceVersion;
        }

        var matching = items.Where(o => labels.Matches(o) && fields.Matches(o)).ToList();
        if (continueToken is not null)
        {
            var after = ContinueToken.Decode(continueToken);
            matching = [.. matching.Where(o => string.CompareOrdinal(ObjectStore.KeyOf(o), after) > 0)];
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (limit > 0 && matching.Count > limit)
        {
            var remaining = matching.Count - (int)limit;
            matching = matching[..(int)limit];
            metadata["continue"] = ContinueToken.Encode(resourceVersion, ObjectStore.KeyOf(matching[^1]));
            if (labels.IsEmpty && fields.IsEmpty)
            {
                metadata["remainingItemCount"] = remaining;
            }
        }

        JsonObject body;
        switch (representation)
        {
            case Representation.Table:
                body = TableConverter.Convert(
                    type, matching, [.. matching.Select(o => Served(type, o.CloneObject()))], version, Query(context, "includeObject"), _cluster.Now, metadata);
                break;
            case Representation.Metadata:
                var metadataItems = new JsonArray();
                foreach (var item in matching)
                {
                    metadataItems.Append(PartialMetadata(item, version));
                }

                body = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadataList",
                    ["apiVersion"] = "meta.k8s.io/" + version,
                    ["metadata"] = metadata,
                    ["items"] = metadataItems,
                };
                break;
            default:
                var list = new JsonArray();
                foreach (var item in matching)
                {
                    var served = Served(type, item);
                    if (!type.IsCustom)
                    {
                        // Typed lists of built-in resources leave kind and apiVersion off their items.
                        served.Remove("kind");
                        served.Remove("apiVersion");
                    }

                    list.Append(served);
                }

                body = new JsonObject { ["kind"] = type.Kind + "List", ["apiVersion"] = type.GroupVersion, ["metadata"] = metadata, ["items"] = list };
                break;
        }

        await WriteJsonAsync(context, 200, body, ContentType(representation, version)).ConfigureAwait(false);
    }

    private static LabelSelector ParseLabelSelector(string? text)
    {
        try
        {
            return LabelSelector.Parse(text);
        }
        catch (FormatException e)
        {
            throw ApiErrors.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }

    private static JsonObject PartialMetadata(JsonObject stored, string version) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/" + (version.Length == 0 ? "v1" : version),
        ["metadata"] = stored["metadata"]?.DeepClone(),
    };

    private static string ContentType(Representation representation, string version) => representation switch
    {
        Representation.Table => $"application/json;as=Table;v={version};g=meta.k8s.io",
        Representation.Metadata => $"application/json;as=PartialObjectMetadataList;v={version};g=meta.k8s.io",
        _ => MediaTypes.Json,
    };
}
