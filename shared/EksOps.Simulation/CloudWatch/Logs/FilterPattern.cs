using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// A CloudWatch Logs filter pattern (<c>FilterLogEvents</c>). Supported:
/// <list type="bullet">
/// <item><description>terms, all of which must occur (case-sensitive): <c>ERROR Exception</c>; quoted phrases: <c>"back-off restarting"</c>;</description></item>
/// <item><description><c>?term</c>: at least one of the <c>?</c> terms must occur; <c>-term</c>: must not occur;</description></item>
/// <item><description><c>%regex%</c> as the whole pattern;</description></item>
/// <item><description>JSON patterns: <c>{ $.level = "error" }</c> with <c>=</c>, <c>!=</c> (strings with <c>*</c> wildcards, numbers,
/// <c>%regex%</c>), <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> (numbers), <c>IS TRUE</c>, <c>IS FALSE</c>, <c>IS NULL</c>,
/// <c>NOT EXISTS</c>, combined with <c>&amp;&amp;</c>, <c>||</c> and parentheses; selectors <c>$.a.b</c> and <c>$.a[0]</c>.</description></item>
/// </list>
/// Space-delimited patterns (<c>[ip, user, …]</c>) are refused with <c>InvalidParameterException</c>.
/// </summary>
internal sealed class FilterPattern
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);
    private readonly Func<string, bool> _matches;

    private FilterPattern(Func<string, bool> matches) => _matches = matches;

    public bool Matches(string message) => _matches(message);

    /// <exception cref="AwsFault">InvalidParameterException for a pattern that cannot be parsed or is not supported.</exception>
    public static FilterPattern Parse(string? pattern)
    {
        var text = pattern?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new FilterPattern(_ => true);
        }

        if (text[0] == '{')
        {
            return new FilterPattern(new JsonPatternParser(text).Parse());
        }

        if (text[0] == '[')
        {
            throw Faults.InvalidParameter($"Invalid filter pattern: space-delimited patterns ({text}) are not supported by the EksOps CloudWatch simulator.");
        }

        if (text.Length > 1 && text[0] == '%' && text[^1] == '%')
        {
            var regex = Compile(text[1..^1]);
            return new FilterPattern(message => regex.IsMatch(message));
        }

        var required = new List<string>();
        var optional = new List<string>();
        var excluded = new List<string>();
        foreach (var (prefix, term) in Terms(text))
        {
            (prefix switch { '?' => optional, '-' => excluded, _ => required }).Add(term);
        }

        return new FilterPattern(message =>
            required.All(t => message.Contains(t, StringComparison.Ordinal))
            && !excluded.Any(t => message.Contains(t, StringComparison.Ordinal))
            && (optional.Count == 0 || optional.Any(t => message.Contains(t, StringComparison.Ordinal))));
    }

    private static List<(char Prefix, string Term)> Terms(string text)
    {
        var terms = new List<(char, string)>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var prefix = text[i] is '?' or '-' ? text[i++] : ' ';
            if (i < text.Length && text[i] == '"')
            {
                var phrase = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    phrase.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw Faults.InvalidParameter("Invalid filter pattern: a quoted term is not closed.");
                }

                i++;
                terms.Add((prefix, phrase.ToString()));
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                terms.Add((prefix, text[start..i]));
            }
        }

        return terms;
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Faults.InvalidParameter($"Invalid filter pattern: the regular expression %{pattern}% is not valid: {e.Message}");
        }
    }

    /// <summary>Parses <c>{ … }</c> into a predicate over the message read as JSON.</summary>
    private sealed class JsonPatternParser(string text)
    {
        private int _position;

        public Func<string, bool> Parse()
        {
            Expect('{');
            var condition = Or();
            Expect('}');
            SkipSpace();
            if (_position != text.Length)
            {
                throw Error("unexpected text after '}'");
            }

            return message =>
            {
                try
                {
                    using var document = JsonDocument.Parse(message);
                    return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array && condition(document.RootElement);
                }
                catch (JsonException)
                {
                    return false;
                }
            };
        }

        private Func<JsonElement, bool> Or()
        {
            var left = And();
            while (TryText("||"))
            {
                var l = left;
                var r = And();
                left = e => l(e) || r(e);
            }

            return left;
        }

        private Func<JsonElement, bool> And()
        {
            var left = Primary();
            while (TryText("&&"))
            {
                var l = left;
                var r = Primary();
                left = e => l(e) && r(e);
            }

            return left;
        }

        private Func<JsonElement, bool> Primary()
        {
            SkipSpace();
            if (TryText("("))
            {
                var inner = Or();
                Expect(')');
                return inner;
            }

            var selector = Selector();
            SkipSpace();
            if (TryWord("IS"))
            {
                if (TryWord("TRUE"))
                {
                    return e => Select(e, selector) is { ValueKind: JsonValueKind.True };
                }

                if (TryWord("FALSE"))
                {
                    return e => Select(e, selector) is { ValueKind: JsonValueKind.False };
                }

                if (TryWord("NULL"))
                {
                    return e => Select(e, selector) is { ValueKind: JsonValueKind.Null };
                }

                throw Error("expected TRUE, FALSE or NULL after IS");
            }

            if (TryWord("NOT"))
            {
                return TryWord("EXISTS") ? e => Select(e, selector) is null : throw Error("expected EXISTS after NOT");
            }

            var op = TryText("!=") ? "!=" : TryText("<=") ? "<=" : TryText(">=") ? ">=" : TryText("=") ? "=" : TryText("<") ? "<" : TryText(">") ? ">" : null;
            if (op is null)
            {
                throw Error("expected a comparison (=, !=, <, <=, >, >=, IS, NOT EXISTS)");
            }

            var (literal, quoted) = Value();
            if (!quoted && literal.Length > 1 && literal[0] == '%' && literal[^1] == '%')
            {
                var regex = Compile(literal[1..^1]);
                return op switch
                {
                    "=" => e => Select(e, selector) is { } v && regex.IsMatch(Text(v)),
                    "!=" => e => Select(e, selector) is { } v && !regex.IsMatch(Text(v)),
                    _ => throw Error("a regular expression can only be compared with = or !="),
                };
            }

            var number = 0.0;
            var isNumber = !quoted && double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            if (op is "<" or "<=" or ">" or ">=")
            {
                if (!isNumber)
                {
                    throw Error($"{op} needs a number");
                }

                return e => Select(e, selector) is { } v && Number(v) is { } n && op switch
                {
                    "<" => n < number,
                    "<=" => n <= number,
                    ">" => n > number,
                    _ => n >= number,
                };
            }

            var wildcard = new Regex("^" + Regex.Escape(literal).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, RegexTimeout);
            bool Equal(JsonElement v) => isNumber && Number(v) is { } n ? n == number : v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) && wildcard.IsMatch(Text(v));
            return op == "=" ? e => Select(e, selector) is { } v && Equal(v) : e => Select(e, selector) is { } v && !Equal(v);
        }

        private List<object> Selector()
        {
            SkipSpace();
            if (!TryText("$"))
            {
                throw Error("expected a selector starting with $");
            }

            var steps = new List<object>();
            while (_position < text.Length)
            {
                if (text[_position] == '.')
                {
                    _position++;
                    var start = _position;
                    while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '-' or '@' or '$'))
                    {
                        _position++;
                    }

                    if (_position == start)
                    {
                        throw Error("expected a property name after '.'");
                    }

                    steps.Add(text[start.._position]);
                }
                else if (text[_position] == '[')
                {
                    _position++;
                    var start = _position;
                    while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                    {
                        _position++;
                    }

                    if (_position == start || !TryText("]"))
                    {
                        throw Error("expected an array index such as [0]");
                    }

                    steps.Add(int.Parse(text[start..(_position - 1)], CultureInfo.InvariantCulture));
                }
                else
                {
                    break;
                }
            }

            return steps;
        }

        private (string Value, bool Quoted) Value()
        {
            SkipSpace();
            if (_position < text.Length && text[_position] == '"')
            {
                var value = new StringBuilder();
                _position++;
                while (_position < text.Length && text[_position] != '"')
                {
                    if (text[_position] == '\\' && _position + 1 < text.Length)
                    {
                        _position++;
                    }

                    value.Append(text[_position++]);
                }

                Expect('"');
                return (value.ToString(), true);
            }

            if (_position < text.Length && text[_position] == '%')
            {
                var end = text.IndexOf('%', _position + 1);
                if (end < 0)
                {
                    throw Error("a regular expression is not closed with %");
                }

                var regex = text[_position..(end + 1)];
                _position = end + 1;
                return (regex, false);
            }

            var startValue = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] is not ('}' or ')' or '&' or '|'))
            {
                _position++;
            }

            return _position > startValue ? (text[startValue.._position], false) : throw Error("expected a value");
        }

        private static JsonElement? Select(JsonElement root, List<object> steps)
        {
            var current = root;
            foreach (var step in steps)
            {
                if (step is string name && current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
                {
                    current = child;
                }
                else if (step is int index && current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return null;
                }
            }

            return current;
        }

        private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

        private static double? Number(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };

        private bool TryText(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _position, token, 0, token.Length) == 0)
            {
                _position += token.Length;
                return true;
            }

            return false;
        }

        private bool TryWord(string word)
        {
            SkipSpace();
            var end = _position + word.Length;
            if (end <= text.Length && string.Compare(text, _position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                _position = end;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryText(c.ToString(CultureInfo.InvariantCulture)))
            {
                throw Error($"expected '{c}'");
            }
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private AwsFault Error(string problem) =>
            Faults.InvalidParameter($"Invalid filter pattern {text}: {problem} at character {(_position + 1).ToString(CultureInfo.InvariantCulture)}.");
    }
}
