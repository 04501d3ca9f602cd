using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) over built-in objects: maps merge, null
/// deletes, lists with a merge key merge item by item (containers, volumes and env by <c>name</c>, container ports by
/// <c>containerPort</c>, service ports by <c>port</c>, conditions by <c>type</c>, …), finalizers merge as a set, other
/// lists are replaced. Directives: <c>$patch: replace|delete|merge</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/…</c> and <c>$setElementOrder/…</c>.
/// </summary>
internal static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    // The patchMergeKey of list fields in the built-in types (k8s.io/api struct tags), by field name.
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["env"] = "name",
        ["conditions"] = "type",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["ownerReferences"] = "uid",
        ["resourceClaims"] = "name",
        ["topologySpreadConstraints"] = "topologyKey",
        ["podIPs"] = "ip",
        ["hostIPs"] = "ip",
        ["addresses"] = "type",
        ["secrets"] = "name",
    };

    // Lists of scalars whose patch strategy is merge: patch items are added to the existing ones.
    private static readonly HashSet<string> MergedScalarLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed.</exception>
    public static JsonObject Apply(JsonObject original, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw new PatchException("json: cannot unmarshal into Go value of type map[string]interface {}: a strategic merge patch must be an object");
        }

        var result = original.CloneObject();
        MergeMap(result, patchObject, []);
        return result;
    }

    private static void MergeMap(JsonObject target, JsonObject patch, List<string> path)
    {
        switch (patch.Str(Directive))
        {
            case "replace":
                target.Clear();
                foreach (var (name, value) in patch)
                {
                    if (!name.StartsWith('$') && value is not null)
                    {
                        target[name] = Clean(value);
                    }
                }

                return;
            case "delete":
                target.Clear();
                return;
            case null or "merge":
                break;
            default:
                throw new PatchException($"Unknown patch type: {patch.Str(Directive)} in map: {patch.ToText()}");
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                target.Remove(name);
                continue;
            }

            var childPath = new List<string>(path) { name };
            switch (value)
            {
                case JsonObject child when child.Str(Directive) == "delete":
                    target.Remove(name);
                    break;
                case JsonObject child:
                    if (target[name] is JsonObject existing)
                    {
                        MergeMap(existing, child, childPath);
                    }
                    else
                    {
                        var created = new JsonObject();
                        MergeMap(created, child, childPath);
                        target[name] = created;
                    }

                    break;
                case JsonArray list:
                    target[name] = MergeList(target[name] as JsonArray, list, childPath);
                    break;
                default:
                    target[name] = value.DeepClone();
                    break;
            }
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) && target[name[DeleteFromPrimitiveList.Length..]] is JsonArray list)
            {
                var remove = value.Strings();
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i].ScalarText() is { } text && remove.Contains(text))
                    {
                        list.RemoveAt(i);
                    }
                }
            }
            else if (name.StartsWith(SetElementOrder, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = name[SetElementOrder.Length..];
                if (target[field] is JsonArray items)
                {
                    target[field] = Reorder(items, order, KeyFor(field, [.. path, field]));
                }
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Strings();
            foreach (var name in target.Select(p => p.Key).Where(n => !keep.Contains(n)).ToList())
            {
                target.Remove(name);
            }
        }
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, List<string> path)
    {
        var field = path[^1];
        var mergeKey = KeyFor(field, path);
        if (mergeKey is null && !MergedScalarLists.Contains(field))
        {
            return (JsonArray)Clean(patch);
        }

        var replace = patch.OfType<JsonObject>().Any(item => item.Str(Directive) == "replace");
        var result = replace || original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        foreach (var item in patch)
        {
            if (item is JsonObject patchItem && mergeKey is not null)
            {
                if (patchItem.Str(Directive) == "replace")
                {
                    continue;
                }

                if (!patchItem.TryGetPropertyValue(mergeKey, out var key))
                {
                    throw new PatchException($"map: {patchItem.ToText()} does not contain declared merge key: {mergeKey}");
                }

                var match = result.OfType<JsonObject>().FirstOrDefault(existing => JsonNode.DeepEquals(existing[mergeKey], key));
                if (patchItem.Str(Directive) == "delete")
                {
                    foreach (var doomed in result.OfType<JsonObject>().Where(existing => JsonNode.DeepEquals(existing[mergeKey], key)).ToList())
                    {
                        result.Remove(doomed);
                    }
                }
                else if (match is not null)
                {
                    MergeMap(match, patchItem, path);
                }
                else
                {
                    var created = new JsonObject();
                    MergeMap(created, patchItem, path);
                    result.Append(created);
                }
            }
            else if (!result.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    /// <summary>The merge key of list <paramref name="field"/>: container ports merge by <c>containerPort</c>, service ports by <c>port</c>.</summary>
    private static string? KeyFor(string field, List<string> path)
    {
        if (field == "ports")
        {
            return path.Any(p => p is "containers" or "initContainers" or "ephemeralContainers") ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(field);
    }

    private static JsonArray Reorder(JsonArray items, JsonArray order, string? mergeKey)
    {
        var remaining = items.Select(i => i?.DeepClone()).ToList();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            var keyValue = mergeKey is not null && wanted is JsonObject w ? w[mergeKey] : wanted;
            var index = remaining.FindIndex(i => JsonNode.DeepEquals(mergeKey is not null && i is JsonObject o ? o[mergeKey] : i, keyValue));
            if (index >= 0)
            {
                result.Add(remaining[index]);
                remaining.RemoveAt(index);
            }
        }

        foreach (var rest in remaining)
        {
            result.Add(rest);
        }

        return result;
    }

    /// <summary>A copy without directives and without null members, as a value the patch sets outright.</summary>
    private static JsonNode Clean(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var cleaned = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (!name.StartsWith('$') && value is not null)
                    {
                        cleaned[name] = Clean(value);
                    }
                }

                return cleaned;
            case JsonArray array:
                var list = new JsonArray();
                foreach (var item in array)
                {
                    if (item is JsonObject directive && directive.Str(Directive) is not null)
                    {
                        continue;
                    }

                    list.Add(item is null ? null : Clean(item));
                }

                return list;
            default:
                return node.DeepClone();
        }
    }
}
