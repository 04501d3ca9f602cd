namespace EksOps.Simulation.CloudWatch;

/// <summary>Splits a Logs Insights query into tokens (words, fields, strings, regexes, numbers, durations, symbols).</summary>
internal static class InsightsLexer
{
    private static readonly string[] Symbols = ["!=", "<=", ">=", "=~", "&&", "||", "|", ",", "(", ")", "[", "]", "*", "+", "-", "/", "%", "=", "<", ">", "!"];

    public static List<InsightsToken> Tokenize(string text)
    {
        var tokens = new List<InsightsToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c is '"' or '\'')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw Faults.MalformedQuery("unterminated string literal", start, text.Length - 1);
                }

                i++;
                tokens.Add(new InsightsToken(InsightsTokenKind.String, value.ToString(), start, i - 1));
                continue;
            }

            if (c == '`')
            {
                var end = text.IndexOf('`', i + 1);
                if (end < 0)
                {
                    throw Faults.MalformedQuery("unterminated `field name`", start, text.Length - 1);
                }

                tokens.Add(new InsightsToken(InsightsTokenKind.Field, text[(i + 1)..end], start, end));
                i = end + 1;
                continue;
            }

            if (c == '/' && RegexMayStart(tokens))
            {
                i++;
                var pattern = new System.Text.StringBuilder();
                while (i < text.Length && text[i] != '/')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '/')
                    {
                        i++;
                    }
                    else if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        pattern.Append(text[i++]);
                    }

                    pattern.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw Faults.MalformedQuery("unterminated regular expression", start, text.Length - 1);
                }

                i++;
                tokens.Add(new InsightsToken(InsightsTokenKind.Regex, pattern.ToString(), start, i - 1));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var numberEnd = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                tokens.Add(i > numberEnd
                    ? new InsightsToken(InsightsTokenKind.Duration, text[start..i], start, i - 1)
                    : new InsightsToken(InsightsTokenKind.Number, text[start..i], start, i - 1));
                continue;
            }

            if (char.IsLetter(c) || c is '_' or '@' or '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '@' or '$'))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new InsightsToken(c == '@' ? InsightsTokenKind.Field : InsightsTokenKind.Word, word, start, i - 1));
                continue;
            }

            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                ?? throw Faults.MalformedQuery($"unexpected symbol '{c}'", start, start);
            i += symbol.Length;
            tokens.Add(new InsightsToken(InsightsTokenKind.Symbol, symbol, start, i - 1));
        }

        tokens.Add(new InsightsToken(InsightsTokenKind.End, string.Empty, text.Length, text.Length));
        return tokens;
    }

    /// <summary>A <c>/</c> starts a regex after <c>like</c>, <c>=~</c>, <c>(</c>, <c>,</c>, <c>=</c>, <c>!=</c> or at the start of a command.</summary>
    private static bool RegexMayStart(List<InsightsToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var previous = tokens[^1];
        return previous.Is("like") || previous.Is("=~") || previous.Is("(") || previous.Is(",") || previous.Is("|")
            || previous.Is("=") || previous.Is("!=") || previous.Is("filter") || previous.Is("and") || previous.Is("or") || previous.Is("not");
    }
}
