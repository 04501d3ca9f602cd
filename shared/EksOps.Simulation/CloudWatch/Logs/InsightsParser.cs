using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Parses the Logs Insights subset the simulator runs: <c>fields</c>, <c>display</c>, <c>filter</c>, <c>sort</c>,
/// <c>limit</c> and <c>stats</c>. Other commands (<c>parse</c>, <c>dedup</c>, <c>unmask</c>, <c>pattern</c>, …) and
/// syntax errors are <c>MalformedQueryException</c>s with the character range, as Logs Insights reports them.
/// </summary>
internal sealed class InsightsParser
{
    public static readonly string[] AggregateFunctions = ["count", "count_distinct", "sum", "avg", "min", "max", "earliest", "latest", "stddev"];

    public static readonly string[] ScalarFunctions =
        ["ispresent", "isempty", "isblank", "strlen", "tolower", "toupper", "trim", "strcontains", "concat", "abs", "floor", "ceil", "coalesce"];

    private static readonly string[] UnsupportedCommands =
        ["parse", "dedup", "unmask", "pattern", "diff", "anomaly", "unnest", "filterindex", "source", "lookup"];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly string _text;
    private readonly List<InsightsToken> _tokens;
    private int _index;

    private InsightsParser(string text)
    {
        _text = text;
        _tokens = InsightsLexer.Tokenize(text);
    }

    private InsightsToken Current => _tokens[_index];

    public static IReadOnlyList<InsightsCommand> Parse(string text)
    {
        var parser = new InsightsParser(text);
        var commands = new List<InsightsCommand>();
        if (parser.Current.Kind == InsightsTokenKind.End)
        {
            throw Faults.MalformedQuery("the query is empty", 0, 0);
        }

        while (true)
        {
            commands.Add(parser.Command());
            if (parser.Current.Kind == InsightsTokenKind.End)
            {
                return commands;
            }

            parser.Expect("|");
        }
    }

    private InsightsCommand Command()
    {
        var name = Current;
        if (name.Kind != InsightsTokenKind.Word)
        {
            throw Error(name, $"expected a command (fields, filter, sort, limit, stats, display) but found '{Describe(name)}'");
        }

        _index++;
        switch (name.Text.ToUpperInvariant())
        {
            case "FIELDS":
                return new InsightsCommand.Fields(List(() => Named(Or)));
            case "DISPLAY":
                return new InsightsCommand.Display(List(() => FieldName()));
            case "FILTER":
                return new InsightsCommand.Filter(Or());
            case "SORT":
                return new InsightsCommand.Sort(List(() =>
                {
                    var key = Additive();
                    var descending = false;
                    if (Current.Is("desc"))
                    {
                        descending = true;
                        _index++;
                    }
                    else if (Current.Is("asc"))
                    {
                        _index++;
                    }

                    return (key, descending);
                }));
            case "LIMIT":
                var count = Current;
                if (count.Kind != InsightsTokenKind.Number || !int.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > 10_000)
                {
                    throw Error(count, "limit takes a whole number from 1 to 10000");
                }

                _index++;
                return new InsightsCommand.Limit(limit);
            case "STATS":
                return Stats();
            default:
                if (UnsupportedCommands.Contains(name.Text.ToLowerInvariant()))
                {
                    throw Error(name, $"the {name.Text} command is not supported by the EksOps CloudWatch simulator (it runs fields, display, filter, sort, limit and stats)");
                }

                throw Error(name, $"unexpected symbol '{name.Text}': expected a command (fields, filter, sort, limit, stats, display)");
        }
    }

    private InsightsCommand.Stats Stats()
    {
        var aggregates = List(() =>
        {
            var start = Current;
            var (expression, name) = Named(Primary);
            return expression is InsightsExpression.Call call && AggregateFunctions.Contains(call.Function)
                ? (call, name)
                : throw Error(start, $"expected an aggregate function ({string.Join(", ", AggregateFunctions)})");
        });
        var groups = new List<(InsightsExpression, string)>();
        if (Current.Is("by"))
        {
            _index++;
            groups.AddRange(List(() => Named(Additive)));
        }

        return new InsightsCommand.Stats(aggregates, groups);
    }

    private List<T> List<T>(Func<T> item)
    {
        var items = new List<T> { item() };
        while (Current.Is(","))
        {
            _index++;
            items.Add(item());
        }

        return items;
    }

    /// <summary>Parses an expression with an optional <c>as name</c>; without one, the name is the expression as written.</summary>
    private (InsightsExpression Expression, string Name) Named(Func<InsightsExpression> parse)
    {
        var start = Current.Start;
        var expression = parse();
        var end = _tokens[_index - 1].End;
        if (Current.Is("as"))
        {
            _index++;
            return (expression, FieldName());
        }

        return (expression, expression is InsightsExpression.Field f ? f.Name : _text[start..(end + 1)].Trim());
    }

    private string FieldName()
    {
        var token = Current;
        if (token.Kind is not (InsightsTokenKind.Field or InsightsTokenKind.Word))
        {
            throw Error(token, $"expected a field name but found '{Describe(token)}'");
        }

        _index++;
        return token.Text;
    }

    private InsightsExpression Or()
    {
        var left = And();
        while (Current.Is("or") || Current.Is("||"))
        {
            _index++;
            left = new InsightsExpression.Binary("or", left, And());
        }

        return left;
    }

    private InsightsExpression And()
    {
        var left = Not();
        while (Current.Is("and") || Current.Is("&&"))
        {
            _index++;
            left = new InsightsExpression.Binary("and", left, Not());
        }

        return left;
    }

    private InsightsExpression Not()
    {
        if (Current.Is("not") || Current.Is("!"))
        {
            _index++;
            return new InsightsExpression.Unary("not", Not());
        }

        return Comparison();
    }

    private InsightsExpression Comparison()
    {
        var left = Additive();
        var token = Current;
        foreach (var op in new[] { "=", "!=", "<", "<=", ">", ">=" })
        {
            if (token.Is(op))
            {
                _index++;
                return new InsightsExpression.Binary(op, left, Additive());
            }
        }

        if (token.Is("=~"))
        {
            _index++;
            return new InsightsExpression.Like(left, LikePattern(), Negated: false);
        }

        var negated = false;
        if (token.Is("not") && (_tokens[_index + 1].Is("like") || _tokens[_index + 1].Is("in")))
        {
            negated = true;
            _index++;
        }

        if (Current.Is("like"))
        {
            _index++;
            return new InsightsExpression.Like(left, LikePattern(), negated);
        }

        if (Current.Is("in"))
        {
            _index++;
            Expect("[");
            var items = Current.Is("]") ? [] : List(Additive);
            Expect("]");
            return new InsightsExpression.In(left, items, negated);
        }

        return left;
    }

    private InsightsExpression LikePattern()
    {
        var token = Current;
        _index++;
        return token.Kind switch
        {
            InsightsTokenKind.Regex => new InsightsExpression.Pattern(Compile(token)),
            InsightsTokenKind.String => new InsightsExpression.Literal(token.Text),
            _ => throw Error(token, "expected a /regular expression/ or a \"string\" after like"),
        };
    }

    private InsightsExpression Additive()
    {
        var left = Multiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Current.Text;
            _index++;
            left = new InsightsExpression.Binary(op, left, Multiplicative());
        }

        return left;
    }

    private InsightsExpression Multiplicative()
    {
        var left = Unary();
        while (Current.Is("*") || Current.Is("/") || Current.Is("%"))
        {
            var op = Current.Text;
            _index++;
            left = new InsightsExpression.Binary(op, left, Unary());
        }

        return left;
    }

    private InsightsExpression Unary()
    {
        if (Current.Is("-"))
        {
            _index++;
            return new InsightsExpression.Unary("-", Unary());
        }

        return Primary();
    }

    private InsightsExpression Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case InsightsTokenKind.Number:
                _index++;
                return new InsightsExpression.Literal(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case InsightsTokenKind.String:
                _index++;
                return new InsightsExpression.Literal(token.Text);
            case InsightsTokenKind.Regex:
                _index++;
                return new InsightsExpression.Pattern(Compile(token));
            case InsightsTokenKind.Field:
                _index++;
                return new InsightsExpression.Field(token.Text);
            case InsightsTokenKind.Word:
                _index++;
                if (!Current.Is("("))
                {
                    return token.Text.ToUpperInvariant() switch
                    {
                        "TRUE" => new InsightsExpression.Literal(true),
                        "FALSE" => new InsightsExpression.Literal(false),
                        _ => new InsightsExpression.Field(token.Text),
                    };
                }

                return Call(token);
            case InsightsTokenKind.Symbol when token.Is("("):
                _index++;
                var inner = Or();
                Expect(")");
                return inner;
            default:
                throw Error(token, $"unexpected symbol '{Describe(token)}'");
        }
    }

    private InsightsExpression Call(InsightsToken name)
    {
        var function = name.Text.ToLowerInvariant();
        Expect("(");
        if (function == "bin")
        {
            var duration = Current;
            if (duration.Kind != InsightsTokenKind.Duration || Milliseconds(duration.Text) is not { } ms)
            {
                throw Error(duration, "bin takes a duration such as 30s, 5m or 1h");
            }

            _index++;
            Expect(")");
            return new InsightsExpression.Bin(ms);
        }

        if (!AggregateFunctions.Contains(function) && !ScalarFunctions.Contains(function))
        {
            throw Error(name, $"the function {name.Text} is not supported by the EksOps CloudWatch simulator");
        }

        var arguments = new List<InsightsExpression>();
        if (Current.Is("*"))
        {
            _index++;
            arguments.Add(new InsightsExpression.Star());
        }
        else if (!Current.Is(")"))
        {
            arguments.AddRange(List(Or));
        }

        Expect(")");
        return new InsightsExpression.Call(function, arguments);
    }

    private static long? Milliseconds(string text)
    {
        var split = 0;
        while (split < text.Length && (char.IsAsciiDigit(text[split]) || text[split] == '.'))
        {
            split++;
        }

        if (!double.TryParse(text[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        double? unit = text[split..].ToLowerInvariant() switch
        {
            "ms" => 1,
            "s" or "sec" or "second" or "seconds" => 1_000,
            "m" or "min" or "minute" or "minutes" => 60_000,
            "h" or "hr" or "hour" or "hours" => 3_600_000,
            "d" or "day" or "days" => 86_400_000,
            "w" or "week" or "weeks" => 604_800_000,
            _ => null,
        };
        return unit is { } u ? (long)(amount * u) : null;
    }

    private static Regex Compile(InsightsToken token)
    {
        try
        {
            return new Regex(token.Text, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw Error(token, "invalid regular expression: " + e.Message);
        }
    }

    private void Expect(string symbol)
    {
        if (!Current.Is(symbol))
        {
            throw Error(Current, $"expected '{symbol}' but found '{Describe(Current)}'");
        }

        _index++;
    }

    private static string Describe(InsightsToken token) => token.Kind == InsightsTokenKind.End ? "the end of the query" : token.Text;

    private static AwsFault Error(InsightsToken token, string message) =>
        Faults.MalformedQuery(message, token.Start, Math.Max(token.Start, token.End));
}
