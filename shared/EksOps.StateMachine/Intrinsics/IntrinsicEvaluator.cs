using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Intrinsics;

/// <summary>
/// Evaluates intrinsic function calls. A function given arguments of the wrong type or out of range fails with
/// <c>States.IntrinsicFailure</c>; a path argument that matches nothing fails with <c>States.ParameterPathFailure</c>.
/// </summary>
internal static class IntrinsicEvaluator
{
    /// <summary>The longest string <c>States.Base64Encode</c>, <c>States.Base64Decode</c> and <c>States.Hash</c> take.</summary>
    public const int MaxStringLength = 10_000;

    /// <summary>The longest array <c>States.ArrayRange</c> makes.</summary>
    public const int MaxRangeLength = 1_000;

    /// <summary>Evaluates a call.</summary>
    /// <param name="call">The call.</param>
    /// <param name="scope">The data, Context Object and random source.</param>
    /// <returns>The value.</returns>
    /// <exception cref="StatesErrorException"><c>States.IntrinsicFailure</c> or <c>States.ParameterPathFailure</c>.</exception>
    public static JsonNode? Evaluate(IntrinsicCall call, EvaluationScope scope)
    {
        var values = new List<JsonNode?>(call.Arguments.Count);
        foreach (var argument in call.Arguments)
        {
            values.Add(argument switch
            {
                LiteralArgument literal => JsonValues.Clone(literal.Value),
                PathArgument path => Select(call, path.Path, scope),
                CallArgument nested => Evaluate(nested.Call, scope),
                _ => throw new InvalidOperationException("unknown argument kind"),
            });
        }

        return call.Name switch
        {
            "States.Format" => Format(call, values),
            "States.StringToJson" => StringToJson(call, values[0]),
            "States.JsonToString" => JsonValues.String(JsonValues.ToJson(values[0])),
            "States.Array" => new JsonArray([.. values]),
            "States.ArrayPartition" => ArrayPartition(call, values[0], values[1]),
            "States.ArrayContains" => JsonValues.Boolean(Array(call, values[0], 1).Any(item => JsonValues.DeepEquals(item, values[1]))),
            "States.ArrayRange" => ArrayRange(call, values),
            "States.ArrayGetItem" => ArrayGetItem(call, values[0], values[1]),
            "States.ArrayLength" => JsonValues.Number(Array(call, values[0], 1).Count),
            "States.ArrayUnique" => ArrayUnique(call, values[0]),
            "States.Base64Encode" => JsonValues.String(Convert.ToBase64String(Encoding.UTF8.GetBytes(BoundedString(call, values[0], 1)))),
            "States.Base64Decode" => Base64Decode(call, values[0]),
            "States.Hash" => Hash(call, values[0], values[1]),
            "States.JsonMerge" => JsonMerge(call, values),
            "States.MathRandom" => MathRandom(call, values, scope.Random),
            "States.MathAdd" => MathAdd(call, values[0], values[1]),
            "States.StringSplit" => StringSplit(call, values[0], values[1]),
            "States.UUID" => JsonValues.String(Guid.NewGuid().ToString()),
            _ => throw Failure(call, "is not implemented"),
        };
    }

    private static JsonNode? Select(IntrinsicCall call, JsonPath path, EvaluationScope scope)
    {
        if (scope.TrySelect(path, out var value))
        {
            return value;
        }

        throw new StatesErrorException(
            StatesErrors.ParameterPathFailure,
            $"The JSONPath '{path.Text}' in '{call.Text}' could not be found in the input '{JsonValues.ToJson(scope.Source(path))}'");
    }

    private static JsonNode Format(IntrinsicCall call, List<JsonNode?> values)
    {
        // A literal template keeps its escapes, so that \{\} is text and {} a placeholder; a template read from the
        // data has no escapes.
        string template;
        if (call.Arguments[0] is LiteralArgument { EscapedText: { } escaped })
        {
            template = escaped;
        }
        else if (JsonValues.TryGetString(values[0], out var fromData))
        {
            template = fromData.Replace("\\", "\\\\", StringComparison.Ordinal);
        }
        else
        {
            throw Failure(call, $"needs a string as its first argument, not {JsonValues.TypeName(values[0])}");
        }

        var output = new StringBuilder();
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length)
            {
                output.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= values.Count)
                {
                    throw Failure(call, $"has more {{}} placeholders than the {values.Count - 1} value(s) given");
                }

                output.Append(FormatValue(values[next++]));
                i++;
            }
            else
            {
                output.Append(c);
            }
        }

        if (next != values.Count)
        {
            throw Failure(call, $"has {next - 1} {{}} placeholder(s) but {values.Count - 1} value(s)");
        }

        return JsonValues.String(output.ToString());
    }

    /// <summary>How <c>States.Format</c> writes a value: strings as they are, scalars as JSON, arrays and objects as Java's <c>toString</c> does (<c>[a, b]</c>, <c>{k=v}</c>).</summary>
    private static string FormatValue(JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                return "{" + string.Join(", ", obj.Select(p => p.Key + "=" + FormatValue(p.Value))) + "}";
            case JsonArray array:
                return "[" + string.Join(", ", array.Select(FormatValue)) + "]";
            default:
                return JsonValues.TryGetString(value, out var text) ? text : JsonValues.ToJson(value);
        }
    }

    private static JsonNode? StringToJson(IntrinsicCall call, JsonNode? value)
    {
        var text = String(call, value, 1);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return JsonValues.TryParse(text, out var parsed) ? parsed : throw Failure(call, $"was given text that is not JSON: '{Shorten(text)}'");
    }

    private static JsonArray ArrayPartition(IntrinsicCall call, JsonNode? array, JsonNode? size)
    {
        var items = Array(call, array, 1);
        var chunk = Integer(call, size, 2);
        if (chunk <= 0)
        {
            throw Failure(call, $"needs a positive chunk size, not {chunk}");
        }

        var result = new JsonArray();
        for (var i = 0; i < items.Count; i += (int)Math.Min(chunk, int.MaxValue))
        {
            result.Add((JsonNode)new JsonArray([.. items.Skip(i).Take((int)Math.Min(chunk, int.MaxValue)).Select(JsonValues.Clone)]));
        }

        return result;
    }

    private static JsonArray ArrayRange(IntrinsicCall call, List<JsonNode?> values)
    {
        var first = Integer(call, values[0], 1);
        var last = Integer(call, values[1], 2);
        var step = Integer(call, values[2], 3);
        if (step <= 0)
        {
            throw Failure(call, $"needs a positive step, not {step}");
        }

        var count = last < first ? 0 : ((last - first) / step) + 1;
        if (count > MaxRangeLength)
        {
            throw Failure(call, $"would make {count} items; arrays are limited to {MaxRangeLength}");
        }

        var result = new JsonArray();
        for (var value = first; value <= last; value += step)
        {
            result.Add(JsonValues.Number(value));
        }

        return result;
    }

    private static JsonNode? ArrayGetItem(IntrinsicCall call, JsonNode? array, JsonNode? index)
    {
        var items = Array(call, array, 1);
        var at = Integer(call, index, 2);
        if (at < 0 || at >= items.Count)
        {
            throw Failure(call, $"index {at} is outside the array of {items.Count} item(s)");
        }

        return JsonValues.Clone(items[(int)at]);
    }

    private static JsonArray ArrayUnique(IntrinsicCall call, JsonNode? array)
    {
        var result = new JsonArray();
        foreach (var item in Array(call, array, 1))
        {
            if (!result.Any(kept => JsonValues.DeepEquals(kept, item)))
            {
                result.Add(JsonValues.Clone(item));
            }
        }

        return result;
    }

    private static JsonNode Base64Decode(IntrinsicCall call, JsonNode? value)
    {
        var text = BoundedString(call, value, 1);
        try
        {
            var bytes = Convert.FromBase64String(text);
            return JsonValues.String(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (FormatException)
        {
            throw Failure(call, $"was given text that is not Base64: '{Shorten(text)}'");
        }
        catch (DecoderFallbackException)
        {
            throw Failure(call, "decoded to bytes that are not UTF-8 text");
        }
    }

    private static JsonNode Hash(IntrinsicCall call, JsonNode? data, JsonNode? algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(BoundedString(call, data, 1));
        var name = String(call, algorithm, 2);
        // States.Hash offers MD5 and SHA-1 because Step Functions does; they checksum data here, they protect nothing.
#pragma warning disable CA5350, CA5351
        byte[] hash = name switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw Failure(call, $"does not know the algorithm '{name}' (MD5, SHA-1, SHA-256, SHA-384, SHA-512)"),
        };
#pragma warning restore CA5350, CA5351
        return JsonValues.String(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(IntrinsicCall call, List<JsonNode?> values)
    {
        if (values[0] is not JsonObject first || values[1] is not JsonObject second)
        {
            throw Failure(call, $"merges two objects, not {JsonValues.TypeName(values[0])} and {JsonValues.TypeName(values[1])}");
        }

        if (!JsonValues.TryGetBoolean(values[2], out var deep))
        {
            throw Failure(call, $"needs a boolean as its third argument, not {JsonValues.TypeName(values[2])}");
        }

        if (deep)
        {
            throw Failure(call, "was asked for a deep merge; Step Functions supports only the shallow merge (false)");
        }

        var merged = (JsonObject)first.DeepClone();
        foreach (var (name, value) in second)
        {
            merged[name] = JsonValues.Clone(value);
        }

        return merged;
    }

    private static JsonNode MathRandom(IntrinsicCall call, List<JsonNode?> values, RandomSource random)
    {
        var start = Integer(call, values[0], 1);
        var end = Integer(call, values[1], 2);
        if (end < start)
        {
            throw Failure(call, $"needs start ({start}) at most end ({end})");
        }

        if (values.Count == 3)
        {
            var seed = Integer(call, values[2], 3);
            var seeded = new Random(unchecked((int)seed));
            return JsonValues.Number(seeded.NextInt64(start, end + 1));
        }

        return JsonValues.Number(random.NextInclusive(start, end));
    }

    private static JsonNode MathAdd(IntrinsicCall call, JsonNode? left, JsonNode? right)
    {
        var sum = Rounded(call, left, 1) + Rounded(call, right, 2);
        if (sum is < int.MinValue or > int.MaxValue)
        {
            throw Failure(call, $"result {sum} is outside the 32-bit integer range");
        }

        return JsonValues.Number(sum);
    }

    private static JsonArray StringSplit(IntrinsicCall call, JsonNode? value, JsonNode? delimiters)
    {
        var text = String(call, value, 1);
        var separators = String(call, delimiters, 2).ToCharArray();
        var parts = separators.Length == 0 ? [text] : text.Split(separators, StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray([.. parts.Where(p => p.Length > 0).Select(JsonValues.String)]);
    }

    private static List<JsonNode?> Array(IntrinsicCall call, JsonNode? value, int position) =>
        value is JsonArray array ? [.. array] : throw Failure(call, $"needs an array as argument {position}, not {JsonValues.TypeName(value)}");

    private static string String(IntrinsicCall call, JsonNode? value, int position) =>
        JsonValues.TryGetString(value, out var text) ? text : throw Failure(call, $"needs a string as argument {position}, not {JsonValues.TypeName(value)}");

    private static string BoundedString(IntrinsicCall call, JsonNode? value, int position)
    {
        var text = String(call, value, position);
        return text.Length <= MaxStringLength
            ? text
            : throw Failure(call, $"takes at most {MaxStringLength} characters; argument {position} has {text.Length}");
    }

    private static long Integer(IntrinsicCall call, JsonNode? value, int position)
    {
        if (JsonValues.TryGetInteger(value, out var integer))
        {
            return integer;
        }

        if (JsonValues.TryGetNumber(value, out var number) && Math.Floor(number) == number && Math.Abs(number) < 9e15)
        {
            return (long)number;
        }

        throw Failure(call, $"needs an integer as argument {position}, not {Describe(value)}");
    }

    /// <summary>A number rounded as Java's <c>Math.round</c> does (half up), which is what Step Functions does to non-integer <c>States.MathAdd</c> arguments.</summary>
    private static long Rounded(IntrinsicCall call, JsonNode? value, int position)
    {
        if (JsonValues.TryGetInteger(value, out var integer))
        {
            return integer;
        }

        if (JsonValues.TryGetNumber(value, out var number) && Math.Abs(number) < 9e15)
        {
            return (long)Math.Floor(number + 0.5);
        }

        throw Failure(call, $"needs a number as argument {position}, not {Describe(value)}");
    }

    private static string Describe(JsonNode? value) =>
        JsonValues.Kind(value) is JsonValueKind.Number ? JsonValues.ToJson(value) : JsonValues.TypeName(value);

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static StatesErrorException Failure(IntrinsicCall call, string problem) =>
        new(StatesErrors.IntrinsicFailure, string.Create(CultureInfo.InvariantCulture, $"{call.Name} in '{call.Text}' {problem}."));
}
