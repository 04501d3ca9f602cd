using System.Text.Json.Nodes;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Where each node of a JSON tree converted from YAML came from: its position, and for scalars the text as written
/// (so that a plain <c>123456789012</c> can still be read as the string it was meant to be). Nodes are keyed by
/// reference; <see langword="null"/> values have no node, so members and items also record their own positions.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<JsonNode, Position> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, string> scalarText = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, Dictionary<string, (Position Key, Position Value)>> members = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, List<Position>> items = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(JsonNode, object)> failed = new(new FailedComparer());

    public void Node(JsonNode node, Position position) => nodes[node] = position;

    public void Scalar(JsonNode node, string text) => scalarText[node] = text;

    public void Member(JsonObject parent, string name, Position key, Position value)
    {
        if (!members.TryGetValue(parent, out var byName))
        {
            byName = new Dictionary<string, (Position, Position)>(StringComparer.Ordinal);
            members[parent] = byName;
        }

        byName[name] = (key, value);
    }

    public void Item(JsonArray parent, Position value)
    {
        if (!items.TryGetValue(parent, out var list))
        {
            list = [];
            items[parent] = list;
        }

        list.Add(value);
    }

    /// <summary>Records that a member's or item's value could not be converted (an error was reported; the value is null).</summary>
    public void Failed(JsonNode parent, object keyOrIndex) => failed.Add((parent, keyOrIndex));

    /// <summary>
    /// Whether the value at <paramref name="keyOrIndex"/> failed to convert: its error is already reported, so a
    /// read that finds it null must not report it again.
    /// </summary>
    public bool IsFailed(JsonNode parent, object keyOrIndex) => failed.Contains((parent, keyOrIndex));

    /// <summary>Whether any value inside <paramref name="root"/> failed to convert.</summary>
    public bool HasFailureWithin(JsonNode root)
    {
        foreach (var (parent, _) in failed)
        {
            for (var node = parent; node is not null; node = node.Parent)
            {
                if (ReferenceEquals(node, root))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public Position? Of(JsonNode? node) => node is not null && nodes.TryGetValue(node, out var p) ? p : null;

    /// <summary>The position of a member's value, or of the object when the member is absent.</summary>
    public Position? OfMember(JsonObject parent, string name) =>
        members.TryGetValue(parent, out var byName) && byName.TryGetValue(name, out var p) ? p.Value : Of(parent);

    /// <summary>The position of a member's key, or of the object when the member is absent.</summary>
    public Position? OfKey(JsonObject parent, string name) =>
        members.TryGetValue(parent, out var byName) && byName.TryGetValue(name, out var p) ? p.Key : Of(parent);

    public Position? OfItem(JsonArray parent, int index) =>
        items.TryGetValue(parent, out var list) && index < list.Count ? list[index] : Of(parent);

    /// <summary>The scalar's text as written in the YAML, if the node came from a scalar.</summary>
    public string? TextOf(JsonNode? node) => node is not null && scalarText.TryGetValue(node, out var text) ? text : null;

    /// <summary>
    /// Follows a JSON path (as produced by the alarm parser) from <paramref name="root"/> and returns the position
    /// of the deepest node it reaches: the offending value, or the object that lacks a member.
    /// </summary>
    public Position? Locate(JsonNode root, string path)
    {
        var segments = JsonPaths.Parse(path);
        Position? best = Of(root);
        JsonNode? current = root;
        if (segments is null)
        {
            return best;
        }

        foreach (object segment in segments)
        {
            switch (segment, current)
            {
                case (string name, JsonObject obj) when obj.ContainsKey(name):
                    best = OfMember(obj, name);
                    current = obj[name];
                    break;
                case (int index, JsonArray array) when index < array.Count:
                    best = OfItem(array, index);
                    current = array[index];
                    break;
                default:
                    return best;
            }
        }

        return best;
    }

    private sealed class FailedComparer : IEqualityComparer<(JsonNode Parent, object Key)>
    {
        public bool Equals((JsonNode Parent, object Key) x, (JsonNode Parent, object Key) y) =>
            ReferenceEquals(x.Parent, y.Parent) && x.Key.Equals(y.Key);

        public int GetHashCode((JsonNode Parent, object Key) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Parent), obj.Key);
    }
}
