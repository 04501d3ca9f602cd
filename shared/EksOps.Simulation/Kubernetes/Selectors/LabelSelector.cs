using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>
/// A label selector: the query syntax (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k,l&gt;1</c>) and the
/// <c>matchLabels</c>/<c>matchExpressions</c> object form, with Kubernetes' matching rules.
/// </summary>
internal sealed class LabelSelector
{
    private LabelSelector(List<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>A null <c>LabelSelector</c> object selects nothing.</summary>
    public bool MatchesNothing { get; }

    public bool IsEmpty => Requirements.Count == 0 && !MatchesNothing;

    /// <summary>Parses the query syntax.</summary>
    /// <exception cref="FormatException">The selector does not parse; the message is the server's.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var parser = new Parser(text);
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            requirements.Add(parser.Requirement());
            var next = parser.Next();
            if (next.Kind == TokenKind.End)
            {
                break;
            }

            if (next.Kind != TokenKind.Comma)
            {
                throw new FormatException($"found '{next.Text}', expected: ',' or 'end of string'");
            }
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    /// <summary>Reads a <c>metav1.LabelSelector</c> object; null selects nothing, an empty one everything.</summary>
    public static LabelSelector FromObject(JsonObject? selector)
    {
        if (selector is null)
        {
            return new LabelSelector([], matchesNothing: true);
        }

        var requirements = new List<LabelRequirement>();
        if (selector.Obj("matchLabels") is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add(new LabelRequirement(key, LabelRequirement.Equal, [value.ScalarText() ?? ""]));
            }
        }

        if (selector.Arr("matchExpressions") is { } expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                var key = expression.Str("key") ?? "";
                var values = expression.At("values").Strings();
                var op = expression.Str("operator") switch
                {
                    "In" => LabelRequirement.In,
                    "NotIn" => LabelRequirement.NotIn,
                    "Exists" => LabelRequirement.Exists,
                    "DoesNotExist" => LabelRequirement.DoesNotExist,
                    _ => null,
                };
                if (op is null)
                {
                    return new LabelSelector([], matchesNothing: true);
                }

                requirements.Add(new LabelRequirement(key, op, values));
            }
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    /// <summary>The labels of an object (its <c>metadata.labels</c>).</summary>
    public static Dictionary<string, string> LabelsOf(JsonNode? obj, params ReadOnlySpan<string> path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj.Obj(path) is { } map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value.ScalarText() ?? "";
            }
        }

        return labels;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => !MatchesNothing && Requirements.All(r => r.Matches(labels));

    public bool Matches(JsonNode obj) => Matches(LabelsOf(obj, "metadata", "labels"));

    /// <summary>The selector as <c>labels.Selector.String()</c> prints it (the form of <c>Scale.status.selector</c>).</summary>
    public override string ToString() => string.Join(",", Requirements);

    private enum TokenKind
    {
        End,
        Identifier,
        Comma,
        Open,
        Close,
        Equals,
        DoubleEquals,
        NotEquals,
        Not,
        GreaterThan,
        LessThan,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    private sealed class Parser(string text)
    {
        private int _position;
        private Token? _peeked;

        public Token Next()
        {
            if (_peeked is { } peeked)
            {
                _peeked = null;
                return peeked;
            }

            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            if (_position >= text.Length)
            {
                return new Token(TokenKind.End, "");
            }

            var c = text[_position];
            switch (c)
            {
                case ',':
                    _position++;
                    return new Token(TokenKind.Comma, ",");
                case '(':
                    _position++;
                    return new Token(TokenKind.Open, "(");
                case ')':
                    _position++;
                    return new Token(TokenKind.Close, ")");
                case '>':
                    _position++;
                    return new Token(TokenKind.GreaterThan, ">");
                case '<':
                    _position++;
                    return new Token(TokenKind.LessThan, "<");
                case '=':
                    if (_position + 1 < text.Length && text[_position + 1] == '=')
                    {
                        _position += 2;
                        return new Token(TokenKind.DoubleEquals, "==");
                    }

                    _position++;
                    return new Token(TokenKind.Equals, "=");
                case '!':
                    if (_position + 1 < text.Length && text[_position + 1] == '=')
                    {
                        _position += 2;
                        return new Token(TokenKind.NotEquals, "!=");
                    }

                    _position++;
                    return new Token(TokenKind.Not, "!");
            }

            var start = _position;
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && ",()=!<>".IndexOf(text[_position], StringComparison.Ordinal) < 0)
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, text[start.._position]);
        }

        public Token Peek() => _peeked ??= Next();

        public LabelRequirement Requirement()
        {
            var token = Next();
            if (token.Kind == TokenKind.Not)
            {
                var key = Next();
                if (key.Kind != TokenKind.Identifier)
                {
                    throw new FormatException($"found '{key.Text}', expected: identifier");
                }

                return new LabelRequirement(key.Text, LabelRequirement.DoesNotExist, []);
            }

            if (token.Kind != TokenKind.Identifier)
            {
                throw new FormatException($"found '{token.Text}', expected: !, identifier, or 'end of string'");
            }

            var op = Peek();
            switch (op.Kind)
            {
                case TokenKind.End or TokenKind.Comma:
                    return new LabelRequirement(token.Text, LabelRequirement.Exists, []);
                case TokenKind.Equals or TokenKind.DoubleEquals or TokenKind.NotEquals or TokenKind.GreaterThan or TokenKind.LessThan:
                    Next();
                    var value = Peek();
                    string text;
                    if (value.Kind == TokenKind.Identifier)
                    {
                        Next();
                        text = value.Text;
                    }
                    else if (value.Kind is TokenKind.End or TokenKind.Comma && op.Kind is not (TokenKind.GreaterThan or TokenKind.LessThan))
                    {
                        text = "";
                    }
                    else
                    {
                        throw new FormatException($"found '{value.Text}', expected: identifier");
                    }

                    return new LabelRequirement(token.Text, op.Text, [text]);
                case TokenKind.Identifier when op.Text is "in" or "notin":
                    Next();
                    return new LabelRequirement(token.Text, op.Text, Values());
                default:
                    throw new FormatException($"found '{op.Text}', expected: in, notin, =, ==, !=, gt, lt");
            }
        }

        private List<string> Values()
        {
            var open = Next();
            if (open.Kind != TokenKind.Open)
            {
                throw new FormatException($"found '{open.Text}', expected: '('");
            }

            var values = new List<string>();
            var expectValue = true;
            while (true)
            {
                var token = Next();
                switch (token.Kind)
                {
                    case TokenKind.Identifier when expectValue:
                        values.Add(token.Text);
                        expectValue = false;
                        break;
                    case TokenKind.Comma:
                        if (expectValue)
                        {
                            values.Add("");
                        }

                        expectValue = true;
                        break;
                    case TokenKind.Close:
                        if (expectValue && values.Count > 0)
                        {
                            values.Add("");
                        }

                        return values;
                    default:
                        throw new FormatException($"found '{token.Text}', expected: ',', ')' or identifier");
                }
            }
        }
    }
}
