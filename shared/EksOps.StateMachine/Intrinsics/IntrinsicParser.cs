using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Intrinsics;

/// <summary>
/// Parses intrinsic function calls (the value of a <c>.$</c> key that does not start with <c>$</c>). Unknown functions,
/// wrong argument counts, open escapes and nesting deeper than 10 are rejected when the definition is loaded.
/// </summary>
internal static class IntrinsicParser
{
    /// <summary>How deeply intrinsic calls may nest (the Step Functions limit).</summary>
    public const int MaxNesting = 10;

    /// <summary>The argument counts each function takes (minimum, maximum; -1 for no maximum).</summary>
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["States.Format"] = (1, -1),
        ["States.StringToJson"] = (1, 1),
        ["States.JsonToString"] = (1, 1),
        ["States.Array"] = (0, -1),
        ["States.ArrayPartition"] = (2, 2),
        ["States.ArrayContains"] = (2, 2),
        ["States.ArrayRange"] = (3, 3),
        ["States.ArrayGetItem"] = (2, 2),
        ["States.ArrayLength"] = (1, 1),
        ["States.ArrayUnique"] = (1, 1),
        ["States.Base64Encode"] = (1, 1),
        ["States.Base64Decode"] = (1, 1),
        ["States.Hash"] = (2, 2),
        ["States.JsonMerge"] = (3, 3),
        ["States.MathRandom"] = (2, 3),
        ["States.MathAdd"] = (2, 2),
        ["States.StringSplit"] = (2, 2),
        ["States.UUID"] = (0, 0),
    };

    /// <summary>The intrinsic functions this interpreter implements (all that the JSONPath query language has).</summary>
    public static IEnumerable<string> FunctionNames => Arity.Keys;

    /// <summary>Whether a <c>.$</c> value is an intrinsic call rather than a path.</summary>
    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses one call that makes up the whole of <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a supported call; the message says why and where.</exception>
    public static IntrinsicCall Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var call = ParseCall(text, ref position, depth: 1);
        SkipSpaces(text, ref position);
        if (position != text.Length)
        {
            throw new FormatException($"'{text}': unexpected '{text[position..]}' after the call.");
        }

        return call;
    }

    private static IntrinsicCall ParseCall(string text, ref int position, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new FormatException($"'{text}': intrinsic functions nest at most {MaxNesting} deep.");
        }

        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '.'))
        {
            position++;
        }

        var name = text[start..position];
        if (!Arity.TryGetValue(name, out var arity))
        {
            throw new FormatException(
                $"'{text}': '{name}' is not an intrinsic function (JSONPath intrinsics: {string.Join(", ", Arity.Keys)}).");
        }

        SkipSpaces(text, ref position);
        Expect(text, ref position, '(');
        var arguments = new List<IntrinsicArgument>();
        SkipSpaces(text, ref position);
        if (position < text.Length && text[position] == ')')
        {
            position++;
        }
        else
        {
            while (true)
            {
                SkipSpaces(text, ref position);
                arguments.Add(ParseArgument(text, ref position, depth));
                SkipSpaces(text, ref position);
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }

                Expect(text, ref position, ')');
                break;
            }
        }

        if (arguments.Count < arity.Min || (arity.Max >= 0 && arguments.Count > arity.Max))
        {
            var expected = arity.Max < 0 ? $"at least {arity.Min}" : arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}";
            throw new FormatException($"'{text}': {name} takes {expected} argument(s), not {arguments.Count}.");
        }

        return new IntrinsicCall(name, arguments, text[start..position]);
    }

    private static IntrinsicArgument ParseArgument(string text, ref int position, int depth)
    {
        if (position >= text.Length)
        {
            throw new FormatException($"'{text}': an argument is missing at the end.");
        }

        var c = text[position];
        if (c == '\'')
        {
            return ParseString(text, ref position);
        }

        if (c == '$')
        {
            var start = position;
            var brackets = 0;
            char? quote = null;
            while (position < text.Length)
            {
                var p = text[position];
                if (quote is not null)
                {
                    if (p == '\\')
                    {
                        position++;
                    }
                    else if (p == quote)
                    {
                        quote = null;
                    }
                }
                else if (p is '\'' or '"' && brackets > 0)
                {
                    quote = p;
                }
                else if (p == '[')
                {
                    brackets++;
                }
                else if (p == ']')
                {
                    brackets--;
                }
                else if (brackets == 0 && (p is ',' or ')' || char.IsWhiteSpace(p)))
                {
                    break;
                }

                position++;
            }

            return new PathArgument(JsonPath.Parse(text[start..position]));
        }

        if (LooksLikeCall(text[position..]))
        {
            return new CallArgument(ParseCall(text, ref position, depth + 1));
        }

        var tokenStart = position;
        while (position < text.Length && text[position] is not (',' or ')') && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        var token = text[tokenStart..position];
        switch (token)
        {
            case "true":
                return new LiteralArgument(JsonValues.Boolean(true), null);
            case "false":
                return new LiteralArgument(JsonValues.Boolean(false), null);
            case "null":
                return new LiteralArgument(null, null);
            default:
                if (token.Length > 0 && (char.IsAsciiDigit(token[0]) || token[0] == '-') && JsonValues.TryParse(token, out var number)
                    && JsonValues.Kind(number) == System.Text.Json.JsonValueKind.Number)
                {
                    return new LiteralArgument(number, null);
                }

                throw new FormatException(
                    $"'{text}': '{token}' at {tokenStart} is not an argument (a 'string', a number, true, false, null, a $path or a States. call).");
        }
    }

    private static LiteralArgument ParseString(string text, ref int position)
    {
        var open = position;
        position++;
        var value = new StringBuilder();
        var escaped = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new FormatException($"'{text}': the string starting at {open} is not closed.");
            }

            var c = text[position];
            if (c == '\'')
            {
                position++;
                break;
            }

            if (c == '\\')
            {
                if (position + 1 >= text.Length || text[position + 1] is not ('\'' or '{' or '}' or '\\'))
                {
                    throw new FormatException(
                        $"'{text}': open escape at {position}: only \\', \\{{, \\}} and \\\\ are escapes in intrinsic strings.");
                }

                value.Append(text[position + 1]);
                escaped.Append(c).Append(text[position + 1]);
                position += 2;
                continue;
            }

            value.Append(c);
            escaped.Append(c);
            position++;
        }

        return new LiteralArgument(JsonValue.Create(value.ToString()), escaped.ToString());
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            var found = position >= text.Length ? "the end" : $"'{text[position]}'";
            throw new FormatException($"'{text}': expected '{expected}' at {position}, found {found}.");
        }

        position++;
    }
}
