using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Json;

namespace EksOps.StateMachine.Paths;

/// <summary>
/// A JSONPath as the Amazon States Language uses it: <c>$</c> (the data) or <c>$$</c> (the Context Object), then
/// <c>.name</c>, <c>['name']</c>, <c>[n]</c> (negative counts from the end), and in plain Paths also the wildcards
/// <c>.*</c> / <c>[*]</c> and slices <c>[a:b]</c>. A path with a wildcard or slice is indefinite: it yields an array of
/// every match (possibly empty). A definite path yields one value or nothing.
/// </summary>
/// <remarks>
/// Not supported, and rejected when the definition is loaded: filter expressions <c>[?(…)]</c>, recursive descent
/// <c>..</c>, functions such as <c>.length()</c>, unions <c>[a,b]</c>, <c>@</c>, and workflow variables (<c>$name</c>).
/// Reference Paths (<c>ResultPath</c>) allow only names and non-negative indexes.
/// </remarks>
internal sealed class JsonPath
{
    private readonly IReadOnlyList<PathSegment> _segments;

    private JsonPath(string text, bool isContext, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        IsContext = isContext;
        _segments = segments;
        IsDefinite = segments.All(s => s.Kind is PathSegmentKind.Name or PathSegmentKind.Index);
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Whether the path starts with <c>$$</c> and so reads the Context Object.</summary>
    public bool IsContext { get; }

    /// <summary>Whether the path selects at most one value (no wildcard, no slice).</summary>
    public bool IsDefinite { get; }

    /// <summary>Whether the path is just <c>$</c> (or <c>$$</c>).</summary>
    public bool IsRoot => _segments.Count == 0;

    /// <summary>Parses a Path (wildcards and slices allowed).</summary>
    /// <param name="text">The path.</param>
    /// <param name="allowContext">Whether <c>$$</c> paths are allowed here.</param>
    /// <exception cref="FormatException">The text is not a path this interpreter supports; the message says why.</exception>
    public static JsonPath Parse(string text, bool allowContext = true) => ParseCore(text, allowContext, reference: false);

    /// <summary>Parses a Reference Path: names and non-negative indexes only, never <c>$$</c>.</summary>
    /// <param name="text">The path.</param>
    /// <exception cref="FormatException">The text is not a Reference Path; the message says why.</exception>
    public static JsonPath ParseReference(string text) => ParseCore(text, allowContext: false, reference: true);

    /// <summary>Selects the value(s) the path refers to in <paramref name="root"/>.</summary>
    /// <param name="root">The data (or the Context Object for a <c>$$</c> path).</param>
    /// <param name="value">A copy of the value; for an indefinite path an array of every match.</param>
    /// <returns>False when a definite path matches nothing.</returns>
    public bool TrySelect(JsonNode? root, out JsonNode? value)
    {
        if (IsDefinite)
        {
            var current = root;
            foreach (var segment in _segments)
            {
                if (!TryStep(current, segment, out current))
                {
                    value = null;
                    return false;
                }
            }

            value = JsonValues.Clone(current);
            return true;
        }

        var matches = new List<JsonNode?> { root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in matches)
            {
                Expand(node, segment, next);
            }

            matches = next;
        }

        var array = new JsonArray();
        foreach (var match in matches)
        {
            array.Add(JsonValues.Clone(match));
        }

        value = array;
        return true;
    }

    /// <summary>
    /// Writes <paramref name="value"/> into a copy of <paramref name="input"/> at this Reference Path, creating missing
    /// objects on the way (the semantics of <c>ResultPath</c>).
    /// </summary>
    /// <param name="input">The state's input.</param>
    /// <param name="value">The value to place.</param>
    /// <returns>The new document.</returns>
    /// <exception cref="InvalidOperationException">The path runs into a value that is not an object (for a name) or not an array with that index; the message says where.</exception>
    public JsonNode? Place(JsonNode? input, JsonNode? value)
    {
        if (IsRoot)
        {
            return JsonValues.Clone(value);
        }

        var root = JsonValues.Clone(input);
        var current = root;
        for (var i = 0; i < _segments.Count; i++)
        {
            var segment = _segments[i];
            var last = i == _segments.Count - 1;
            if (segment.Kind == PathSegmentKind.Name)
            {
                if (current is not JsonObject obj)
                {
                    throw new InvalidOperationException(
                        $"Unable to apply ResultPath '{Text}': '{Prefix(i)}' is {Article(JsonValues.TypeName(current))}, not an object.");
                }

                if (last)
                {
                    obj[segment.Name!] = JsonValues.Clone(value);
                    break;
                }

                if (!obj.TryGetPropertyValue(segment.Name!, out var child) || child is null)
                {
                    child = new JsonObject();
                    obj[segment.Name!] = child;
                }

                current = child;
            }
            else
            {
                if (current is not JsonArray array || segment.Index < 0 || segment.Index >= array.Count)
                {
                    throw new InvalidOperationException(
                        $"Unable to apply ResultPath '{Text}': '{Prefix(i)}' has no element {segment.Index}.");
                }

                if (last)
                {
                    array[segment.Index] = JsonValues.Clone(value);
                    break;
                }

                current = array[segment.Index];
            }
        }

        return root;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static bool TryStep(JsonNode? node, PathSegment segment, out JsonNode? child)
    {
        child = null;
        switch (segment.Kind)
        {
            case PathSegmentKind.Name when node is JsonObject obj:
                return obj.TryGetPropertyValue(segment.Name!, out child);
            case PathSegmentKind.Index when node is JsonArray array:
                var index = segment.Index < 0 ? array.Count + segment.Index : segment.Index;
                if (index < 0 || index >= array.Count)
                {
                    return false;
                }

                child = array[index];
                return true;
            default:
                return false;
        }
    }

    private static void Expand(JsonNode? node, PathSegment segment, List<JsonNode?> into)
    {
        switch (segment.Kind)
        {
            case PathSegmentKind.Name or PathSegmentKind.Index:
                if (TryStep(node, segment, out var child))
                {
                    into.Add(child);
                }

                break;
            case PathSegmentKind.Wildcard:
                if (node is JsonObject obj)
                {
                    into.AddRange(obj.Select(p => p.Value));
                }
                else if (node is JsonArray all)
                {
                    into.AddRange(all);
                }

                break;
            case PathSegmentKind.Slice when node is JsonArray array:
                var count = array.Count;
                var start = Clamp(segment.SliceStart ?? 0, count);
                var end = Clamp(segment.SliceEnd ?? count, count);
                for (var i = start; i < end; i++)
                {
                    into.Add(array[i]);
                }

                break;
            default:
                break;
        }
    }

    private static int Clamp(int bound, int count) => Math.Clamp(bound < 0 ? count + bound : bound, 0, count);

    private static string Article(string typeName) => typeName is "array" or "object" ? "an " + typeName : "a " + typeName;

    private string Prefix(int segmentCount)
    {
        var builder = new StringBuilder("$");
        foreach (var segment in _segments.Take(segmentCount))
        {
            builder.Append(segment.Kind == PathSegmentKind.Name ? "." + segment.Name : "[" + segment.Index.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return builder.ToString();
    }

    private static JsonPath ParseCore(string text, bool allowContext, bool reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[0] != '$')
        {
            throw new FormatException($"'{text}' is not a JSONPath: a path starts with '$'.");
        }

        var position = 1;
        var isContext = false;
        if (position < text.Length && text[position] == '$')
        {
            if (!allowContext || reference)
            {
                throw new FormatException($"'{text}': a Context Object path ($$) is not allowed here.");
            }

            isContext = true;
            position++;
        }

        if (position < text.Length && text[position] is not ('.' or '['))
        {
            throw new FormatException(
                $"'{text}' refers to a workflow variable or is malformed: after '{text[..position]}' comes '.' or '['. Variables ($name, Assign) are not supported by this interpreter.");
        }

        var segments = new List<PathSegment>();
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '.')
            {
                position++;
                if (position < text.Length && text[position] == '.')
                {
                    throw new FormatException($"'{text}': recursive descent ('..') is not supported.");
                }

                if (position < text.Length && text[position] == '*')
                {
                    segments.Add(PathSegment.Wildcard);
                    position++;
                    continue;
                }

                var start = position;
                while (position < text.Length && text[position] is not ('.' or '['))
                {
                    if (text[position] is '(' or ')' or '?' or '@' or ',' or ':' or '*' or ']' or '\'' or '"' || char.IsWhiteSpace(text[position]))
                    {
                        throw new FormatException(
                            $"'{text}': character '{text[position]}' at {position} is not supported in a name (filters, functions and unions are not supported; quote unusual names as ['name']).");
                    }

                    position++;
                }

                if (position == start)
                {
                    throw new FormatException($"'{text}': a name is missing after '.' at {start - 1}.");
                }

                segments.Add(PathSegment.ForName(text[start..position]));
            }
            else if (c == '[')
            {
                position = ParseBracket(text, position, segments);
            }
            else
            {
                throw new FormatException($"'{text}': unexpected '{c}' at {position}.");
            }
        }

        if (reference && segments.Any(s => s.Kind is PathSegmentKind.Wildcard or PathSegmentKind.Slice || (s.Kind == PathSegmentKind.Index && s.Index < 0)))
        {
            throw new FormatException($"'{text}' is not a Reference Path: only names and non-negative indexes are allowed, no wildcards or slices.");
        }

        return new JsonPath(text, isContext, segments);
    }

    private static int ParseBracket(string text, int open, List<PathSegment> segments)
    {
        var position = open + 1;
        if (position >= text.Length)
        {
            throw new FormatException($"'{text}': '[' at {open} is not closed.");
        }

        var c = text[position];
        if (c is '\'' or '"')
        {
            var quote = c;
            var name = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != quote)
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                name.Append(text[position]);
                position++;
            }

            if (position + 1 >= text.Length || text[position + 1] != ']')
            {
                throw new FormatException($"'{text}': the quoted name at {open} is not closed with {quote}] (unions are not supported).");
            }

            segments.Add(PathSegment.ForName(name.ToString()));
            return position + 2;
        }

        var close = text.IndexOf(']', position);
        if (close < 0)
        {
            throw new FormatException($"'{text}': '[' at {open} is not closed.");
        }

        var inside = text[position..close].Trim();
        if (inside == "*")
        {
            segments.Add(PathSegment.Wildcard);
        }
        else if (inside.StartsWith('?') || inside.StartsWith('('))
        {
            throw new FormatException($"'{text}': filter and script expressions ('[{inside}]') are not supported.");
        }
        else if (inside.Contains(','))
        {
            throw new FormatException($"'{text}': unions ('[{inside}]') are not supported.");
        }
        else if (inside.Contains(':'))
        {
            var parts = inside.Split(':');
            if (parts.Length > 2)
            {
                throw new FormatException($"'{text}': slices with a step ('[{inside}]') are not supported.");
            }

            segments.Add(PathSegment.ForSlice(ParseBound(text, parts[0]), ParseBound(text, parts[1])));
        }
        else if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            segments.Add(PathSegment.ForIndex(index));
        }
        else
        {
            throw new FormatException($"'{text}': '[{inside}]' is not an index, a quoted name, '*' or a slice.");
        }

        return close + 1;
    }

    private static int? ParseBound(string text, string bound)
    {
        bound = bound.Trim();
        if (bound.Length == 0)
        {
            return null;
        }

        return int.TryParse(bound, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}': slice bound '{bound}' is not an integer.");
    }
}
