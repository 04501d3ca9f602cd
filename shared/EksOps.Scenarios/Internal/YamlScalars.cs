using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Resolves plain (unquoted, untagged) YAML scalars the way Kubernetes reads YAML (sigs.k8s.io/yaml over go-yaml v2,
/// YAML 1.1 rules), so that <c>kubectl apply -f</c> of the same file would produce the same JSON:
/// <c>~</c>/<c>null</c>/empty are null; <c>true</c>/<c>false</c>/<c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>/<c>y</c>/<c>n</c>
/// (in lower, Title or UPPER case) are booleans; <c>42</c>, <c>0x2A</c>, <c>0o52</c>, <c>052</c> (octal),
/// <c>0b101010</c>, <c>1_000</c> are integers; <c>1.5</c>, <c>1e3</c>, <c>.5</c> are floats; anything else,
/// timestamps included, is a string. Quoted and block scalars are always strings.
/// </summary>
internal static class YamlScalars
{
    private static readonly string[] TrueWords = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly string[] FalseWords = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    private static readonly string[] NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly string[] NaNWords = [".nan", ".NaN", ".NAN"];
    private static readonly string[] InfinityWords = [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"];

    /// <summary>Resolves a plain scalar.</summary>
    /// <param name="text">The scalar's text.</param>
    /// <param name="value">The JSON value for booleans, integers, floats and strings; <see langword="null"/> otherwise.</param>
    /// <returns>What the scalar is.</returns>
    public static ScalarKind ResolvePlain(string text, out JsonValue? value)
    {
        value = null;
        if (NullWords.Contains(text, StringComparer.Ordinal))
        {
            return ScalarKind.Null;
        }

        if (TrueWords.Contains(text, StringComparer.Ordinal) || FalseWords.Contains(text, StringComparer.Ordinal))
        {
            value = JsonValue.Create(TrueWords.Contains(text, StringComparer.Ordinal));
            return ScalarKind.Boolean;
        }

        if (NaNWords.Contains(text, StringComparer.Ordinal) || InfinityWords.Contains(text, StringComparer.Ordinal))
        {
            return ScalarKind.NonFinite;
        }

        char first = text[0];
        if (char.IsAsciiDigit(first) || first is '+' or '-')
        {
            string plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (TryParseInteger(plain, out var integer))
            {
                if (integer >= long.MinValue && integer <= long.MaxValue)
                {
                    value = JsonValue.Create((long)integer);
                    return ScalarKind.Integer;
                }

                if (integer.Sign > 0 && integer <= ulong.MaxValue)
                {
                    value = JsonValue.Create((ulong)integer);
                    return ScalarKind.Integer;
                }
            }

            if (TryParseFloat(plain, out double number))
            {
                value = JsonValue.Create(number);
                return ScalarKind.Float;
            }
        }
        else if (first == '.' && TryParseFloat(text, out double number))
        {
            value = JsonValue.Create(number);
            return ScalarKind.Float;
        }

        value = JsonValue.Create(text);
        return ScalarKind.String;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, …)</c> without the range limit: sign, then <c>0x</c>/<c>0o</c>/<c>0b</c>/leading-<c>0</c> octal or decimal.</summary>
    private static bool TryParseInteger(string s, out BigInteger value)
    {
        value = BigInteger.Zero;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i = 1;
        }

        int radix = 10;
        if (s.Length - i >= 2 && s[i] == '0')
        {
            switch (s[i + 1])
            {
                case 'x' or 'X':
                    radix = 16;
                    i += 2;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    i += 2;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    i += 2;
                    break;
                default:
                    radix = 8;
                    i += 1;
                    break;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            int digit = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'f' => s[i] - 'a' + 10,
                >= 'A' and <= 'F' => s[i] - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>go-yaml's float form <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, finite only.</summary>
    private static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        int intDigits = CountDigits(s, ref i);
        int fracDigits = 0;
        bool dot = i < s.Length && s[i] == '.';
        if (dot)
        {
            i++;
            fracDigits = CountDigits(s, ref i);
        }

        if (intDigits == 0 && fracDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static int CountDigits(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }
}
