using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Scenarios.Internal;

/// <summary>Kubernetes objects: a file of YAML documents or v1 Lists, or an inline sequence.</summary>
internal sealed partial class ScenarioReader
{
    private const string ObjectsExpected = "a file name (such as objects.yaml) or the objects inline as a sequence";
    private const string ObjectExpected = "a Kubernetes object (a mapping with apiVersion, kind and metadata.name)";
    private static readonly string[] ListKeys = ["apiVersion", "kind", "metadata", "items"];

    private readonly Dictionary<ObjectKey, string> objectsSeen = [];

    private List<JsonObject>? ReadObjects(Fields f, JsonObject top)
    {
        if (!f.TryGet(top, JsonPaths.Root, "objects", ObjectsExpected, out var node))
        {
            return null;
        }

        var objects = new List<JsonObject>();
        if (node is JsonArray inline)
        {
            for (int i = 0; i < inline.Count; i++)
            {
                if (f.Map.IsFailed(inline, i))
                {
                    continue;
                }

                AddObject(f, inline[i], JsonPaths.Item("$.objects", i), f.Map.OfItem(inline, i), objects);
            }

            return Detached(objects);
        }

        string? reference = FileName(f, top, JsonPaths.Root, "objects", ObjectsExpected);
        if (reference is null)
        {
            return null;
        }

        string? full = ResolveFile(f, top, JsonPaths.Root, "objects", reference, out string relative);
        byte[]? content = full is null ? null : ReadBytes(f, top, JsonPaths.Root, "objects", full);
        if (content is null)
        {
            return null;
        }

        var documents = YamlFiles.Parse(DecodeUtf8(content), relative, errors);
        if (documents is null)
        {
            return null;
        }

        var map = new SourceMap();
        var converter = new YamlToJson(relative, errors, map);
        var fileFields = new Fields(relative, map, errors);
        for (int i = 0; i < documents.Count; i++)
        {
            if (YamlFiles.IsEmpty(documents[i]))
            {
                continue;
            }

            string path = "document " + (i + 1) + " ($[" + i + "])";
            int before = errors.Count;
            var root = converter.Convert(documents[i].RootNode, path);
            if (root is null && errors.Count > before)
            {
                continue;
            }

            AddObject(fileFields, root, path, Position.From(documents[i].RootNode.Start), objects);
        }

        return Detached(objects);
    }

    private void AddObject(Fields f, JsonNode? node, string path, Position? position, List<JsonObject> objects)
    {
        if (node is not JsonObject obj)
        {
            string hint = node is JsonArray ? " (give several objects as separate YAML documents or as a v1 List)" : string.Empty;
            f.Error(path, position, "expected " + ObjectExpected + " but found " + Texts.Describe(node, f.Map) + hint);
            return;
        }

        bool isList = obj["kind"] is JsonValue kindValue && kindValue.GetValueKind() == JsonValueKind.String && kindValue.GetValue<string>() == "List";
        if (isList)
        {
            AddList(f, obj, path, objects);
            return;
        }

        string? apiVersion = KubernetesString(f, obj, path, "apiVersion", "an apiVersion such as \"v1\" or \"apps/v1\"", Patterns.ApiVersion());
        string? kind = KubernetesString(f, obj, path, "kind", "a kind such as \"Pod\" or \"Deployment\"", Patterns.Kind());
        var metadata = f.Mapping(obj, path, "metadata", required: true, "a metadata mapping with at least a name");
        string metadataPath = JsonPaths.Child(path, "metadata");
        string? name = metadata is null ? null : KubernetesString(f, metadata, metadataPath, "name", "a non-empty name", pattern: null);
        string? ns = null;
        bool namespaceOk = true;
        if (metadata is not null && metadata.ContainsKey("namespace"))
        {
            ns = KubernetesString(f, metadata, metadataPath, "namespace", "a non-empty namespace (or no namespace key, for cluster-scoped objects)", pattern: null);
            namespaceOk = ns is not null;
        }

        if (apiVersion is null || kind is null || name is null || !namespaceOk)
        {
            return;
        }

        var key = ObjectKey.Of(apiVersion, kind, ns, name);
        string here = f.File + ": " + path;
        if (objectsSeen.TryGetValue(key, out string? first))
        {
            f.Error(path, position, "expected each object once (by API group, kind, namespace and name) but found " + key + " again; it is first defined at " + first);
            return;
        }

        objectsSeen[key] = here;
        objects.Add(obj);
    }

    private void AddList(Fields f, JsonObject list, string path, List<JsonObject> objects)
    {
        f.OnlyKeys(list, path, ListKeys);
        KubernetesString(f, list, path, "apiVersion", "\"v1\" (a List is apiVersion v1, kind List)", Patterns.ListApiVersion());
        if (list.ContainsKey("metadata"))
        {
            f.Mapping(list, path, "metadata", required: false, "a mapping");
        }

        var items = f.Sequence(list, path, "items", required: true, "the list's objects as a sequence (items:)");
        if (items is null)
        {
            return;
        }

        string itemsPath = JsonPaths.Child(path, "items");
        for (int i = 0; i < items.Count; i++)
        {
            if (f.Map.IsFailed(items, i))
            {
                continue;
            }

            AddObject(f, items[i], JsonPaths.Item(itemsPath, i), f.Map.OfItem(items, i), objects);
        }
    }

    /// <summary>A string-valued Kubernetes field: it must be a JSON string after conversion (a plain <c>123</c> is a number, which the API server rejects).</summary>
    private static string? KubernetesString(Fields f, JsonObject obj, string path, string key, string expected, System.Text.RegularExpressions.Regex? pattern)
    {
        if (!f.TryGet(obj, path, key, expected, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            string text = value.GetValue<string>();
            if (text.Length > 0 && (pattern is null || pattern.IsMatch(text)))
            {
                return text;
            }
        }

        f.Unexpected(obj, path, key, expected, node);
        return null;
    }

    /// <summary>Objects taken out of a parent (inline sequence, List items) are cloned so that callers can put them into arrays of their own.</summary>
    private static List<JsonObject> Detached(List<JsonObject> objects)
    {
        for (int i = 0; i < objects.Count; i++)
        {
            if (objects[i].Parent is not null)
            {
                objects[i] = objects[i].DeepClone().AsObject();
            }
        }

        return objects;
    }

    private static string DecodeUtf8(byte[] content) =>
        System.Text.Encoding.UTF8.GetString(content.AsSpan().StartsWith("\uFEFF"u8) ? content.AsSpan(3) : content);
}
