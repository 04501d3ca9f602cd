using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// A field selector (<c>metadata.name=x,status.phase!=Running</c>): terms joined by commas, each <c>=</c>, <c>==</c> or
/// <c>!=</c>, values with <c>\,</c>, <c>\=</c> and <c>\\</c> escapes; only the fields the resource supports.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value, FieldLabel Label)> _terms;

    private FieldSelector(List<(string, bool, string, FieldLabel)> terms) => _terms = terms;

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>Parses <paramref name="text"/> for <paramref name="type"/>.</summary>
    /// <exception cref="ApiException">400: the selector does not parse, or names a field the resource does not support.</exception>
    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var terms = new List<(string, bool, string, FieldLabel)>();
        if (string.IsNullOrEmpty(text))
        {
            return new FieldSelector(terms);
        }

        var parts = SplitTerms(text);
        parts.Sort(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (!SplitTerm(part, out var field, out var op, out var raw))
            {
                throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var value = Unescape(raw) ?? throw ApiErrors.BadRequest($"invalid field selector value in '{part}': invalid escape sequence");
            var label = field switch
            {
                "metadata.name" => new FieldLabel(["metadata", "name"]),
                "metadata.namespace" => new FieldLabel(["metadata", "namespace"]),
                _ => type.FieldLabels.GetValueOrDefault(field) ?? throw ApiErrors.BadRequest($"field label not supported: {field}"),
            };
            terms.Add((field, op != "!=", value, label));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonNode obj)
    {
        foreach (var (_, equal, value, label) in _terms)
        {
            var actual = obj.At(label.Path).ScalarText() ?? label.Default;
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    private static bool SplitTerm(string term, out string field, out string op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in (ReadOnlySpan<string>)["!=", "==", "="])
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }

        field = op = value = "";
        return false;
    }

    private static string? Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                result.Append(value[i]);
                continue;
            }

            if (i + 1 >= value.Length || value[i + 1] is not ('\\' or ',' or '='))
            {
                return null;
            }

            result.Append(value[++i]);
        }

        return result.ToString();
    }
}
