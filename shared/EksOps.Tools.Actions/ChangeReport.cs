using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions;

/// <summary>What a patch changes, field by field: the value before (as read) and after (as the API server answered).</summary>
internal static class ChangeReport
{
    /// <summary>
    /// One <c>{field, before, after}</c> per field the patch sets. A strategic merge patch is walked to its leaves
    /// (list items by their <c>name</c> merge key, shown as <c>containers[app]</c>); a JSON patch of the pod template
    /// (a rollback) is reported by container image, the part of a template people compare.
    /// </summary>
    public static JsonArray Fields(JsonObject patch, JsonObject before, JsonObject after)
    {
        var changes = new JsonArray();
        if (patch[RunbookPatch.StrategicMerge] is JsonObject merge)
        {
            foreach (var (display, path, _) in StrategicMergeLeaves.Of(merge))
            {
                changes.Add((JsonNode)new JsonObject { ["field"] = display, ["before"] = Resolve(before, path)?.DeepClone(), ["after"] = Resolve(after, path)?.DeepClone() });
            }
        }

        if (patch[RunbookPatch.Json] is JsonArray)
        {
            var beforeTemplate = JsonText.At(before, "spec", "template") as JsonObject ?? [];
            var afterTemplate = JsonText.At(after, "spec", "template") as JsonObject ?? [];
            foreach (var (container, old, updated) in ImageChanges(beforeTemplate, afterTemplate))
            {
                changes.Add((JsonNode)new JsonObject { ["field"] = $"spec.template.spec.containers[{container}].image", ["before"] = old, ["after"] = updated });
            }
        }

        return changes;
    }

    /// <summary>Whether every reported field kept its value (the change would do nothing).</summary>
    public static bool NothingChanges(JsonArray changes) =>
        changes.Count > 0 && changes.OfType<JsonObject>().All(c => JsonNode.DeepEquals(c["before"], c["after"]));

    /// <summary>The containers whose image differs between two pod templates.</summary>
    public static List<(string Container, string? Before, string? After)> ImageChanges(JsonObject before, JsonObject after)
    {
        var old = Images(before);
        var updated = Images(after);
        return [.. old.Keys.Union(updated.Keys, StringComparer.Ordinal)
            .Where(name => old.GetValueOrDefault(name) != updated.GetValueOrDefault(name))
            .Select(name => (name, old.GetValueOrDefault(name), updated.GetValueOrDefault(name)))];
    }

    private static Dictionary<string, string?> Images(JsonObject template) =>
        (JsonText.At(template, "spec", "containers") as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => JsonText.Str(c, "name") is not null)
            .ToDictionary(c => JsonText.Str(c, "name")!, c => JsonText.Str(c, "image"), StringComparer.Ordinal);

    /// <summary>Follows a path of object keys and <c>[name=x]</c> list selectors.</summary>
    private static JsonNode? Resolve(JsonNode? node, string[] path)
    {
        foreach (var segment in path)
        {
            node = segment.StartsWith("[name=", StringComparison.Ordinal) && node is JsonArray items
                ? items.OfType<JsonObject>().FirstOrDefault(i => JsonText.Str(i, "name") == segment[6..^1])
                : node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }
}
