using System.Text.Json.Nodes;
using EksOps.IncidentFlow.Internal;
using EksOps.Tools;
using EksOps.Tools.Actions;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>
/// The fields a planned change sets and the values the dry run answered for them, so a later step can tell whether the
/// target still carries the change: each <c>{field, path, value}</c>, <c>path</c> being object keys and
/// <c>[name=x]</c> list selectors (a strategic merge patch is walked to its leaves, list items by their <c>name</c>
/// merge key; a rollback's template replacement is checked by container image, as its preview reports it).
/// Deletions and evictions have no field to check.
/// </summary>
internal static class ChangeFields
{
    private const string ImagePrefix = "spec.template.spec.containers[";
    private const string ImageSuffix = "].image";

    public static JsonArray Expected(ProposedChange change, JsonObject preview)
    {
        var answered = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var field in Node.Arr(preview, "changes").OfType<JsonObject>())
        {
            if (Node.Str(field, "field") is { } name)
            {
                answered[name] = field["after"];
            }
        }

        var expected = new JsonArray();
        if (change.Patch["strategicMergePatch"] is JsonObject merge)
        {
            foreach (var (display, path, value) in StrategicMergeLeaves.Of(merge))
            {
                var after = answered.TryGetValue(display, out var dryRun) && dryRun is not null ? dryRun : value;
                expected.Add((JsonNode)new JsonObject { ["field"] = display, ["path"] = Node.Strings(path), ["value"] = after?.DeepClone() });
            }
        }

        if (change.Patch["jsonPatch"] is JsonArray)
        {
            foreach (var (name, after) in answered)
            {
                if (name.StartsWith(ImagePrefix, StringComparison.Ordinal) && name.EndsWith(ImageSuffix, StringComparison.Ordinal))
                {
                    string container = name[ImagePrefix.Length..^ImageSuffix.Length];
                    string[] path = ["spec", "template", "spec", "containers", "[name=" + container + "]", "image"];
                    expected.Add((JsonNode)new JsonObject { ["field"] = name, ["path"] = Node.Strings(path), ["value"] = after?.DeepClone() });
                }
            }
        }

        return expected;
    }

    /// <summary>Each expected field whose current value differs, as <c>field is X, not Y</c>.</summary>
    public static IReadOnlyList<string> Mismatches(JsonArray expected, JsonObject current)
    {
        var mismatches = new List<string>();
        foreach (var field in expected.OfType<JsonObject>())
        {
            var actual = Resolve(current, Node.StringList(field["path"]));
            if (!JsonNode.DeepEquals(actual, field["value"]))
            {
                mismatches.Add($"{Node.Str(field, "field")} is {Node.Display(actual)}, not {Node.Display(field["value"])}");
            }
        }

        return mismatches;
    }

    /// <summary>Follows object keys and <c>[name=x]</c> list selectors.</summary>
    public static JsonNode? Resolve(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            node = segment.StartsWith("[name=", StringComparison.Ordinal) && node is JsonArray items
                ? items.OfType<JsonObject>().FirstOrDefault(i => Node.Str(i, "name") == segment[6..^1])
                : node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }
}
