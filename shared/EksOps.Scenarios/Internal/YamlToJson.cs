using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Converts a YAML node (YamlDotNet's representation model) to a <see cref="JsonNode"/> the way Kubernetes does:
/// plain scalars are resolved by <see cref="YamlScalars"/>, quoted and block scalars stay strings, standard tags
/// (<c>!!str</c>, <c>!!int</c>, <c>!!float</c>, <c>!!bool</c>, <c>!!null</c>, <c>!!timestamp</c>, <c>!!binary</c>,
/// <c>!!seq</c>, <c>!!map</c>) are honoured, aliases are expanded and <c>&lt;&lt;</c> merge keys are applied.
/// Problems are reported to the <see cref="ErrorList"/> and the offending value becomes <see langword="null"/>, so
/// one pass finds them all. Positions and scalar texts go to the <see cref="SourceMap"/>.
/// </summary>
internal sealed class YamlToJson(string file, ErrorList errors, SourceMap map)
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>Deeper than any Kubernetes object; reached only by mistake or by a recursive alias.</summary>
    private const int MaxDepth = YamlFiles.MaxDepth;

    /// <summary>Bounds alias expansion ("billion laughs"); far above any real cluster dump.</summary>
    private const int MaxNodes = 1_000_000;

    /// <summary><see cref="ExpandedSize"/>'s answer for an alias inside its own anchor.</summary>
    private const long Recursive = -1;

    /// <summary><see cref="ExpandedSize"/>'s answer for nesting deeper than <see cref="MaxDepth"/>.</summary>
    private const long TooDeep = -2;

    private bool depthReported;

    /// <summary>Converts a document's root (or any node), after checking that expanding its aliases stays bounded.</summary>
    public JsonNode? Convert(YamlNode node, string path)
    {
        var memo = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        var visiting = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        long size = ExpandedSize(node, 0, memo, visiting);
        string? problem = size switch
        {
            Recursive => "expected aliases that do not contain themselves but found a recursive alias",
            TooDeep => "expected at most " + MaxDepth + " levels of nesting (after expanding aliases) but found more",
            > MaxNodes => "expected at most " + MaxNodes + " values after expanding aliases but found more",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(file, path, Position.From(node.Start), problem);
            return null;
        }

        return Convert(node, path, 0);
    }

    /// <summary>How many values the node becomes once aliases are expanded (a DAG walk, memoized), or <see cref="Recursive"/> / <see cref="TooDeep"/>.</summary>
    private static long ExpandedSize(YamlNode node, int depth, Dictionary<YamlNode, long> memo, HashSet<YamlNode> visiting)
    {
        if (memo.TryGetValue(node, out long known))
        {
            return known;
        }

        if (depth > MaxDepth)
        {
            return TooDeep;
        }

        if (!visiting.Add(node))
        {
            return Recursive;
        }

        IEnumerable<YamlNode> children = node switch
        {
            YamlSequenceNode sequence => sequence.Children,
            YamlMappingNode mapping => mapping.Children.SelectMany(e => new[] { e.Key, e.Value }),
            _ => [],
        };
        long total = 1;
        foreach (var child in children)
        {
            long size = ExpandedSize(child, depth + 1, memo, visiting);
            if (size < 0)
            {
                visiting.Remove(node);
                return size;
            }

            total = Math.Min(total + size, MaxNodes + 1L);
        }

        visiting.Remove(node);
        memo[node] = total;
        return total;
    }

    private JsonNode? Convert(YamlNode node, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            if (!depthReported)
            {
                depthReported = true;
                errors.Add(file, path, Position.From(node.Start), "expected at most " + MaxDepth + " levels of nesting but found more");
            }

            return null;
        }

        return node switch
        {
            YamlScalarNode scalar => ConvertScalar(scalar, path),
            YamlSequenceNode sequence => ConvertSequence(sequence, path, depth),
            YamlMappingNode mapping => ConvertMapping(mapping, path, depth),
            _ => Unsupported(node, path, "an alias that could not be resolved"),
        };
    }

    private JsonNode? ConvertScalar(YamlScalarNode scalar, string path)
    {
        string text = scalar.Value ?? string.Empty;
        var position = Position.From(scalar.Start);
        string tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        bool plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

        JsonNode? value;
        if (tag.Length == 0 || tag == "?")
        {
            value = plain ? Resolve(text, path, position) : JsonValue.Create(text);
        }
        else if (tag == "!" || tag is TagPrefix + "str" or TagPrefix + "timestamp" or TagPrefix + "binary")
        {
            value = JsonValue.Create(text);
        }
        else if (tag is TagPrefix + "int" or TagPrefix + "float" or TagPrefix + "bool" or TagPrefix + "null")
        {
            var kind = YamlScalars.ResolvePlain(text, out var resolved);
            var wanted = tag[TagPrefix.Length..];
            bool ok = wanted switch
            {
                "int" => kind == ScalarKind.Integer,
                "float" => kind is ScalarKind.Integer or ScalarKind.Float,
                "bool" => kind == ScalarKind.Boolean,
                _ => kind == ScalarKind.Null,
            };
            if (!ok)
            {
                errors.Add(file, path, position, "expected a value of type !!" + wanted + " but found " + Texts.Quote(text));
                return null;
            }

            value = resolved;
        }
        else
        {
            return Unsupported(scalar, path, "the tag " + tag);
        }

        if (value is not null)
        {
            map.Node(value, position);
            map.Scalar(value, text);
        }

        return value;
    }

    private JsonValue? Resolve(string text, string path, Position position)
    {
        var kind = YamlScalars.ResolvePlain(text, out var value);
        if (kind == ScalarKind.NonFinite)
        {
            errors.Add(file, path, position, "expected a value JSON can represent but found " + text + " (infinity and NaN have no JSON form; quote it for a string)");
        }

        return value;
    }

    private JsonArray? ConvertSequence(YamlSequenceNode sequence, string path, int depth)
    {
        if (!CollectionTagIs(sequence, "seq", path))
        {
            return null;
        }

        var array = new JsonArray();
        map.Node(array, Position.From(sequence.Start));
        int index = 0;
        foreach (var child in sequence.Children)
        {
            int before = errors.Count;
            var value = Convert(child, JsonPaths.Item(path, index), depth + 1);
            array.Add(value);
            map.Item(array, Position.From(child.Start));
            if (value is null && errors.Count > before)
            {
                map.Failed(array, index);
            }

            index++;
        }

        return array;
    }

    private JsonObject? ConvertMapping(YamlMappingNode mapping, string path, int depth)
    {
        if (!CollectionTagIs(mapping, "map", path))
        {
            return null;
        }

        var obj = new JsonObject();
        map.Node(obj, Position.From(mapping.Start));
        foreach (var (key, value) in Entries(mapping, path, depth))
        {
            if (key is not YamlScalarNode keyScalar)
            {
                errors.Add(file, path, Position.From(key.Start), "expected a scalar key but found " + (key is YamlSequenceNode ? "a sequence" : "a mapping"));
                continue;
            }

            string name = KeyName(keyScalar);
            string childPath = JsonPaths.Child(path, name);
            if (obj.ContainsKey(name))
            {
                errors.Add(file, childPath, Position.From(key.Start), "expected each key once but found \"" + name + "\" again");
                continue;
            }

            int before = errors.Count;
            var converted = Convert(value, childPath, depth + 1);
            obj[name] = converted;
            map.Member(obj, name, Position.From(key.Start), Position.From(value.Start));
            if (converted is null && errors.Count > before)
            {
                map.Failed(obj, name);
            }
        }

        return obj;
    }

    /// <summary>
    /// The JSON member name of a scalar key, as Kubernetes' YAML-to-JSON conversion makes it: a plain key that
    /// resolves to a boolean, integer or null becomes its canonical text (<c>on</c> → <c>true</c>, <c>0x10</c> →
    /// <c>16</c>, <c>~</c> → <c>null</c>); every other key is its text.
    /// </summary>
    private static string KeyName(YamlScalarNode key)
    {
        string text = key.Value ?? string.Empty;
        if (!key.Tag.IsEmpty || key.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return text;
        }

        return YamlScalars.ResolvePlain(text, out var value) switch
        {
            ScalarKind.Null => "null",
            ScalarKind.Boolean or ScalarKind.Integer => value!.ToJsonString(),
            _ => text,
        };
    }

    /// <summary>The mapping's entries with <c>&lt;&lt;</c> merge keys applied: explicit keys win, then earlier merge sources.</summary>
    private List<(YamlNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string path, int depth)
    {
        var result = new List<(YamlNode, YamlNode)>();
        var merges = new List<YamlNode>();
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain } mergeKey && mergeKey.Tag.IsEmpty)
            {
                merges.Add(entry.Value);
            }
            else
            {
                result.Add((entry.Key, entry.Value));
            }
        }

        if (merges.Count == 0)
        {
            return result;
        }

        var seen = new HashSet<string>(result.Select(e => e.Item1 is YamlScalarNode s ? KeyName(s) : "\0"), StringComparer.Ordinal);
        string mergePath = JsonPaths.Child(path, "<<");
        foreach (var merge in merges)
        {
            if (depth > MaxDepth)
            {
                errors.Add(file, mergePath, Position.From(merge.Start), "expected merges to end but found a recursive merge");
                break;
            }

            IEnumerable<YamlNode> sources = merge is YamlSequenceNode list ? list.Children : [merge];
            foreach (var source in sources)
            {
                if (source is not YamlMappingNode sourceMapping)
                {
                    errors.Add(file, mergePath, Position.From(source.Start), "expected a mapping or a sequence of mappings to merge but found " + Texts.Describe(source));
                    continue;
                }

                foreach (var (key, value) in Entries(sourceMapping, path, depth + 1))
                {
                    if (seen.Add(key is YamlScalarNode s ? KeyName(s) : "\0"))
                    {
                        result.Add((key, value));
                    }
                }
            }
        }

        return result;
    }

    private bool CollectionTagIs(YamlNode node, string expected, string path)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific || node.Tag.Value == TagPrefix + expected)
        {
            return true;
        }

        Unsupported(node, path, "the tag " + node.Tag.Value);
        return false;
    }

    private JsonNode? Unsupported(YamlNode node, string path, string what)
    {
        errors.Add(file, path, Position.From(node.Start),
            "expected plain YAML (the standard tags !!str, !!int, !!float, !!bool, !!null, !!timestamp, !!binary, !!seq, !!map) but found " + what);
        return null;
    }
}
