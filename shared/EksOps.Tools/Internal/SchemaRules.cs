using System.Text.Json.Nodes;

namespace EksOps.Tools.Internal;

/// <summary>
/// The rules a schema must keep to be served by every face (AgentCore Gateway's SchemaDefinition is the narrowest):
/// every node has one <c>type</c> of string/number/integer/boolean/object/array, arrays say what their items are, no
/// <c>"items": {}</c>, no <c>"default": null</c>, no <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>/<c>not</c>.
/// </summary>
internal static class SchemaRules
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "string", "number", "integer", "boolean", "object", "array" };

    public static List<string> Check(JsonNode? schema, string path = "")
    {
        var problems = new List<string>();
        Visit(schema, path, problems);
        return problems;
    }

    private static void Visit(JsonNode? node, string path, List<string> problems)
    {
        string at = path.Length == 0 ? "(root)" : path;
        if (node is not JsonObject schema)
        {
            problems.Add($"{at}: a schema must be a JSON object");
            return;
        }

        if (schema["type"] is not JsonValue typeValue || !typeValue.TryGetValue(out string? type) || !Types.Contains(type))
        {
            problems.Add($"{at}: needs a single \"type\" of string, number, integer, boolean, object or array");
            type = null;
        }

        foreach (string keyword in new[] { "anyOf", "oneOf", "allOf", "not" })
        {
            if (schema.ContainsKey(keyword))
            {
                problems.Add($"{at}: \"{keyword}\" is not allowed (AgentCore Gateway rejects it)");
            }
        }

        if (schema.TryGetPropertyValue("default", out var defaultValue) && defaultValue is null)
        {
            problems.Add($"{at}: \"default\": null is not allowed");
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                Visit(property, path + "/properties/" + name, problems);
            }
        }
        else if (schema.ContainsKey("properties"))
        {
            problems.Add($"{at}: \"properties\" must be an object");
        }

        if (schema.TryGetPropertyValue("items", out var items))
        {
            if (items is JsonObject { Count: 0 })
            {
                problems.Add($"{at}: \"items\": {{}} is not allowed; say what the items are");
            }
            else
            {
                Visit(items, path + "/items", problems);
            }
        }
        else if (type == "array")
        {
            problems.Add($"{at}: an array needs \"items\"");
        }
    }
}
