using System.Globalization;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy and test over JSON pointers (RFC 6901).</summary>
internal static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="document"/>.</summary>
    /// <exception cref="PatchException">The patch is malformed, or an operation does not apply (<see cref="PatchException.NotApplicable"/>).</exception>
    public static JsonNode? Apply(JsonNode document, JsonNode? operations)
    {
        if (operations is not JsonArray ops)
        {
            throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var item in ops)
        {
            if (item is not JsonObject op || op.Str("op") is not { } name)
            {
                throw new PatchException("Unexpected kind: missing op");
            }

            var path = op.Str("path") ?? throw new PatchException($"operation {name} is missing path");
            switch (name)
            {
                case "add":
                    Add(root, Pointer(path), Value(op, name));
                    break;
                case "remove":
                    Remove(root, Pointer(path));
                    break;
                case "replace":
                    Replace(root, Pointer(path), Value(op, name));
                    break;
                case "move":
                {
                    var from = Pointer(op.Str("from") ?? throw new PatchException("operation move is missing from"));
                    var value = Remove(root, from);
                    Add(root, Pointer(path), value);
                    break;
                }

                case "copy":
                {
                    var from = Pointer(op.Str("from") ?? throw new PatchException("operation copy is missing from"));
                    var (parent, key) = Locate(root, from);
                    var value = Get(parent, key) ?? throw NotApplicable($"copy operation does not apply: doc is missing from path: {op.Str("from")}");
                    Add(root, Pointer(path), value.DeepClone());
                    break;
                }

                case "test":
                {
                    var (parent, key) = Locate(root, Pointer(path));
                    var actual = Get(parent, key);
                    if (!JsonNode.DeepEquals(actual, op["value"]))
                    {
                        throw NotApplicable($"testing value {path} failed: test failed");
                    }

                    break;
                }

                default:
                    throw new PatchException($"Unexpected kind: {name}");
            }
        }

        return root["doc"];
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new PatchException($"operation {name} is missing value");

    private static PatchException NotApplicable(string message) => new(message, notApplicable: true);

    /// <summary>The pointer's tokens, prefixed with the wrapper's "doc" so the whole document is addressable.</summary>
    private static List<string> Pointer(string pointer)
    {
        var tokens = new List<string> { "doc" };
        if (pointer.Length == 0)
        {
            return tokens;
        }

        if (pointer[0] != '/')
        {
            throw new PatchException($"JSON pointer must be empty or start with a \"/\": {pointer}");
        }

        foreach (var token in pointer[1..].Split('/'))
        {
            tokens.Add(token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return tokens;
    }

    /// <summary>The container holding the pointer's last token, and that token.</summary>
    private static (JsonNode Parent, string Key) Locate(JsonObject root, List<string> tokens)
    {
        JsonNode current = root;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            current = Get(current, tokens[i]) ?? throw NotApplicable($"doc is missing path: {Describe(tokens)}");
        }

        return (current, tokens[^1]);
    }

    private static JsonNode? Get(JsonNode parent, string key) => parent switch
    {
        JsonObject obj => obj.TryGetPropertyValue(key, out var value) ? value : null,
        JsonArray array => Index(array, key, allowEnd: false) is var i && i < array.Count ? array[i] : null,
        _ => null,
    };

    private static void Add(JsonObject root, List<string> tokens, JsonNode? value)
    {
        var (parent, key) = Locate(root, tokens);
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array:
                var index = Index(array, key, allowEnd: true);
                array.Insert(index, value);
                break;
            default:
                throw NotApplicable($"add operation does not apply: doc is missing path: {Describe(tokens)}");
        }
    }

    private static JsonNode? Remove(JsonObject root, List<string> tokens)
    {
        var (parent, key) = Locate(root, tokens);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(key, out var value):
                obj.Remove(key);
                return value;
            case JsonArray array:
                var index = Index(array, key, allowEnd: false);
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw NotApplicable($"remove operation does not apply: doc is missing path: \"{Describe(tokens)}\"");
        }
    }

    private static void Replace(JsonObject root, List<string> tokens, JsonNode? value)
    {
        var (parent, key) = Locate(root, tokens);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(key):
                obj[key] = value;
                break;
            case JsonArray array:
                array[Index(array, key, allowEnd: false)] = value;
                break;
            default:
                throw NotApplicable($"replace operation does not apply: doc is missing key: {Describe(tokens)}");
        }
    }

    private static int Index(JsonArray array, string key, bool allowEnd)
    {
        if (allowEnd && key == "-")
        {
            return array.Count;
        }

        if (key.Length == 0 || (key.Length > 1 && key[0] == '0') || !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw NotApplicable($"Unable to access invalid index: {key}");
        }

        if (index > array.Count || (!allowEnd && index == array.Count))
        {
            throw NotApplicable($"Unable to access invalid index: {index}");
        }

        return index;
    }

    private static string Describe(List<string> tokens) => "/" + string.Join("/", tokens.Skip(1));
}
