using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions;

/// <summary>
/// The leaves of a strategic merge patch, named as <c>execute_runbook</c>'s preview names them
/// (<c>spec.template.spec.containers[app].resources.limits.memory</c>): a list of objects is keyed by each item's
/// <c>name</c>, as strategic merge keys containers. The preview and the incident flow's check that a change is in
/// place both walk a patch this way, so they name the same fields.
/// </summary>
public static class StrategicMergeLeaves
{
    /// <summary>Every leaf of <paramref name="patch"/>.</summary>
    /// <param name="patch">The patch body.</param>
    /// <returns>Each leaf's display name, its path (a list item as <c>[name=…]</c>) and its value.</returns>
    public static IEnumerable<(string Display, string[] Path, JsonNode? Value)> Of(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Leaves(patch, string.Empty, []);
    }

    private static IEnumerable<(string Display, string[] Path, JsonNode? Value)> Leaves(JsonObject node, string prefix, string[] path)
    {
        foreach (var (key, value) in node)
        {
            string display = prefix.Length == 0 ? key : prefix + "." + key;
            string[] childPath = [.. path, key];
            switch (value)
            {
                case JsonObject child:
                    foreach (var leaf in Leaves(child, display, childPath))
                    {
                        yield return leaf;
                    }

                    break;
                case JsonArray items:
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        string name = (string?)item["name"] ?? string.Empty;
                        var rest = (JsonObject)item.DeepClone();
                        rest.Remove("name");
                        foreach (var leaf in Leaves(rest, $"{display}[{name}]", [.. childPath, "[name=" + name + "]"]))
                        {
                            yield return leaf;
                        }
                    }

                    break;
                default:
                    yield return (display, childPath, value);
                    break;
            }
        }
    }
}
