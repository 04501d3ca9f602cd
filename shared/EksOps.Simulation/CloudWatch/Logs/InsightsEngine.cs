using System.Globalization;
using System.Text;

namespace EksOps.Simulation.CloudWatch;

/// <summary>What a Logs Insights query produced: rows of (field, value) and the scan statistics.</summary>
internal sealed record InsightsResult(IReadOnlyList<IReadOnlyList<(string Field, string Value)>> Rows, long RecordsMatched, long RecordsScanned, long BytesScanned, int LogGroupsScanned);

/// <summary>
/// Runs a parsed Logs Insights query over log events. Events start newest first; <c>fields</c> adds shown fields,
/// <c>display</c> sets them, <c>filter</c> keeps matching rows, <c>sort</c> orders (ascending unless <c>desc</c>;
/// non-numbers before numbers, digit runs compared as numbers), <c>limit</c> cuts, <c>stats</c> groups (groups in
/// ascending key order; <c>bin(…)</c> keys are times). Without <c>fields</c>, <c>display</c> or <c>stats</c> a row shows
/// <c>@timestamp</c>, <c>@message</c>, <c>@logStream</c> and <c>@log</c>; event rows also carry <c>@ptr</c>. Fields a row
/// lacks are left out of it. <c>@timestamp</c> reads as <c>2026-11-20 10:00:00.000</c>.
/// </summary>
internal static class InsightsEngine
{
    private static readonly string[] DefaultFields = ["@timestamp", "@message", "@logStream", "@log"];

    public static InsightsResult Run(IReadOnlyList<InsightsCommand> commands, IReadOnlyList<StoredLogEvent> events, string account, int limit, int groups)
    {
        var rows = events.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence).Select(e => new InsightsRow(e, account)).ToList();
        var scanned = rows.Count;
        var bytes = events.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Message));
        long matched = scanned;
        List<string>? shown = null;
        var aggregated = false;
        foreach (var command in commands)
        {
            switch (command)
            {
                case InsightsCommand.Fields fields:
                    shown ??= [];
                    foreach (var row in rows)
                    {
                        foreach (var (expression, name) in fields.Items)
                        {
                            row.Values[name] = Evaluate(expression, row);
                        }
                    }

                    shown.AddRange(fields.Items.Select(i => i.Name).Where(n => !shown.Contains(n)));
                    break;
                case InsightsCommand.Display display:
                    shown = [.. display.Names];
                    break;
                case InsightsCommand.Filter filter:
                    rows = [.. rows.Where(row => Truthy(Evaluate(filter.Condition, row)))];
                    if (!aggregated)
                    {
                        matched = rows.Count;
                    }

                    break;
                case InsightsCommand.Sort sort:
                    rows = Sort(rows, sort.Keys);
                    break;
                case InsightsCommand.Limit cut:
                    rows = [.. rows.Take(cut.Count)];
                    break;
                case InsightsCommand.Stats stats:
                    if (!aggregated)
                    {
                        matched = rows.Count;
                    }

                    rows = Aggregate(rows, stats);
                    shown = [.. stats.GroupBy.Select(g => g.Name).Concat(stats.Aggregates.Select(a => a.Name))];
                    aggregated = true;
                    break;
                default:
                    break;
            }
        }

        var columns = shown ?? [.. DefaultFields];
        var result = rows.Take(limit).Select(row =>
        {
            var fields = new List<(string, string)>();
            foreach (var column in columns)
            {
                if (Format(row.Get(column)) is { } text)
                {
                    fields.Add((column, text));
                }
            }

            if (row.Event is not null && !columns.Contains("@ptr"))
            {
                fields.Add(("@ptr", Format(row.Get("@ptr"))!));
            }

            return (IReadOnlyList<(string, string)>)fields;
        }).ToList();
        return new InsightsResult(result, matched, scanned, bytes, groups);
    }

    private static List<InsightsRow> Sort(List<InsightsRow> rows, IReadOnlyList<(InsightsExpression Key, bool Descending)> keys)
    {
        var keyed = rows.Select((row, index) => (Row: row, Index: index, Keys: keys.Select(k => Evaluate(k.Key, row)).ToArray())).ToList();
        keyed.Sort((a, b) =>
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var order = SortCompare(a.Keys[i], b.Keys[i]);
                if (order != 0)
                {
                    return keys[i].Descending ? -order : order;
                }
            }

            // Ties between events keep the order they were written in, in the direction of the first key.
            if (a.Row.Event is { } ea && b.Row.Event is { } eb && ea.Sequence != eb.Sequence)
            {
                return keys[0].Descending ? eb.Sequence.CompareTo(ea.Sequence) : ea.Sequence.CompareTo(eb.Sequence);
            }

            return a.Index.CompareTo(b.Index);
        });
        return [.. keyed.Select(k => k.Row)];
    }

    private static List<InsightsRow> Aggregate(List<InsightsRow> rows, InsightsCommand.Stats stats)
    {
        var groups = new Dictionary<string, (object?[] Keys, List<InsightsRow> Rows)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var keys = stats.GroupBy.Select(g => Evaluate(g.Key, row)).ToArray();
            var id = string.Join('\u001f', keys.Select(k => Format(k) ?? "\u0000"));
            if (!groups.TryGetValue(id, out var group))
            {
                groups[id] = group = (keys, []);
            }

            group.Rows.Add(row);
        }

        if (stats.GroupBy.Count == 0 && groups.Count == 0)
        {
            groups[string.Empty] = ([], []);
        }

        var ordered = groups.Values.ToList();
        ordered.Sort((a, b) =>
        {
            for (var i = 0; i < a.Keys.Length; i++)
            {
                var order = SortCompare(a.Keys[i], b.Keys[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        });

        var result = new List<InsightsRow>();
        foreach (var (keys, members) in ordered)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                values[stats.GroupBy[i].Name] = keys[i];
            }

            foreach (var (aggregate, name) in stats.Aggregates)
            {
                values[name] = Reduce(aggregate, members);
            }

            result.Add(new InsightsRow(values));
        }

        return result;
    }

    private static object? Reduce(InsightsExpression.Call aggregate, List<InsightsRow> rows)
    {
        var argument = aggregate.Arguments.Count > 0 ? aggregate.Arguments[0] : new InsightsExpression.Star();
        if (aggregate.Function == "count")
        {
            return argument is InsightsExpression.Star ? rows.Count : (double)rows.Count(r => Evaluate(argument, r) is not null);
        }

        if (aggregate.Function == "count_distinct")
        {
            return (double)rows.Select(r => Format(Evaluate(argument, r))).Where(v => v is not null).Distinct(StringComparer.Ordinal).Count();
        }

        if (aggregate.Function is "earliest" or "latest")
        {
            var timed = rows.Where(r => r.Timestamp is not null);
            var pick = aggregate.Function == "earliest" ? timed.OrderBy(r => r.Timestamp).FirstOrDefault() : timed.OrderByDescending(r => r.Timestamp).FirstOrDefault();
            return pick is null ? null : Evaluate(argument, pick);
        }

        var numbers = rows.Select(r => Number(Evaluate(argument, r))).OfType<double>().ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        return aggregate.Function switch
        {
            "sum" => numbers.Sum(),
            "avg" => numbers.Average(),
            "min" => numbers.Min(),
            "max" => numbers.Max(),
            _ => Math.Sqrt(numbers.Select(n => Math.Pow(n - numbers.Average(), 2)).Sum() / Math.Max(1, numbers.Count - 1)),
        };
    }

    internal static object? Evaluate(InsightsExpression expression, InsightsRow row)
    {
        switch (expression)
        {
            case InsightsExpression.Literal literal:
                return literal.Value;
            case InsightsExpression.Field field:
                return row.Get(field.Name);
            case InsightsExpression.Bin bin:
                return row.Timestamp is { } t ? DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds() / bin.Milliseconds * bin.Milliseconds) : null;
            case InsightsExpression.Unary { Operator: "not" } not:
                return !Truthy(Evaluate(not.Operand, row));
            case InsightsExpression.Unary negative:
                return Number(Evaluate(negative.Operand, row)) is { } n ? -n : null;
            case InsightsExpression.Like like:
                if (Text(Evaluate(like.Value, row)) is not { } value)
                {
                    return false;
                }

                var matches = like.Matcher switch
                {
                    InsightsExpression.Pattern p => p.Regex.IsMatch(value),
                    InsightsExpression.Literal { Value: string s } => value.Contains(s, StringComparison.Ordinal),
                    _ => false,
                };
                return matches != like.Negated;
            case InsightsExpression.In inList:
                var candidate = Evaluate(inList.Value, row);
                var found = candidate is not null && inList.Items.Any(item => Equal(candidate, Evaluate(item, row)));
                return candidate is not null && found != inList.Negated;
            case InsightsExpression.Binary binary:
                return Binary(binary, row);
            case InsightsExpression.Call call:
                return Call(call, row);
            default:
                return null;
        }
    }

    private static object? Binary(InsightsExpression.Binary binary, InsightsRow row)
    {
        if (binary.Operator == "and")
        {
            return Truthy(Evaluate(binary.Left, row)) && Truthy(Evaluate(binary.Right, row));
        }

        if (binary.Operator == "or")
        {
            return Truthy(Evaluate(binary.Left, row)) || Truthy(Evaluate(binary.Right, row));
        }

        var left = Evaluate(binary.Left, row);
        var right = Evaluate(binary.Right, row);
        switch (binary.Operator)
        {
            case "=":
                return left is not null && right is not null && Equal(left, right);
            case "!=":
                return left is not null && right is not null && !Equal(left, right);
            case "<" or "<=" or ">" or ">=":
                if (left is null || right is null)
                {
                    return false;
                }

                var order = Number(left) is { } a && Number(right) is { } b ? a.CompareTo(b) : string.CompareOrdinal(Text(left), Text(right));
                return binary.Operator switch
                {
                    "<" => order < 0,
                    "<=" => order <= 0,
                    ">" => order > 0,
                    _ => order >= 0,
                };
            default:
                if (Number(left) is not { } x || Number(right) is not { } y)
                {
                    return null;
                }

                var result = binary.Operator switch
                {
                    "+" => x + y,
                    "-" => x - y,
                    "*" => x * y,
                    "/" => x / y,
                    _ => x % y,
                };
                return double.IsFinite(result) ? result : null;
        }
    }

    private static object? Call(InsightsExpression.Call call, InsightsRow row)
    {
        var arguments = call.Arguments.Select(a => a is InsightsExpression.Star ? null : Evaluate(a, row)).ToList();
        object? First() => arguments.Count > 0 ? arguments[0] : null;
        switch (call.Function)
        {
            case "ispresent":
                return First() is not null;
            case "isempty":
                return First() is null || Text(First()) == string.Empty;
            case "isblank":
                return First() is null || string.IsNullOrWhiteSpace(Text(First()));
            case "strlen":
                return Text(First()) is { } s ? s.Length : null;
            case "tolower":
                return Text(First())?.ToLowerInvariant();
            case "toupper":
                return Text(First())?.ToUpperInvariant();
            case "trim":
                return Text(First())?.Trim();
            case "strcontains":
                return arguments.Count == 2 && Text(arguments[0]) is { } haystack && Text(arguments[1]) is { } needle && haystack.Contains(needle, StringComparison.Ordinal);
            case "concat":
                return string.Concat(arguments.Select(a => Text(a) ?? string.Empty));
            case "abs":
                return Number(First()) is { } abs ? Math.Abs(abs) : null;
            case "floor":
                return Number(First()) is { } floor ? Math.Floor(floor) : null;
            case "ceil":
                return Number(First()) is { } ceil ? Math.Ceiling(ceil) : null;
            case "coalesce":
                return arguments.FirstOrDefault(a => a is not null);
            default:
                // An aggregate outside stats: Logs Insights rejects it at parse time; here it has no value.
                return null;
        }
    }

    private static bool Equal(object left, object? right)
    {
        if (right is null)
        {
            return false;
        }

        return Number(left) is { } a && Number(right) is { } b ? a == b : string.Equals(Text(left), Text(right), StringComparison.Ordinal);
    }

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        int i => i != 0,
        string s => s.Length > 0,
        _ => true,
    };

    private static double? Number(object? value) => value switch
    {
        double d => d,
        int i => i,
        bool => null,
        DateTimeOffset t => t.ToUnixTimeMilliseconds(),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string? Text(object? value) => Format(value);

    /// <summary>A value as Logs Insights prints it; null for a missing value.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Logs Insights' sort order: missing values first, then non-numbers (digit runs compared by value), then numbers; times by time.</summary>
    private static int SortCompare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        if (a is DateTimeOffset ta && b is DateTimeOffset tb)
        {
            return ta.CompareTo(tb);
        }

        var na = a is string sa ? (double.TryParse(sa, NumberStyles.Float, CultureInfo.InvariantCulture, out var pa) ? pa : (double?)null) : Number(a);
        var nb = b is string sb ? (double.TryParse(sb, NumberStyles.Float, CultureInfo.InvariantCulture, out var pb) ? pb : (double?)null) : Number(b);
        if (na is { } x && nb is { } y)
        {
            return x.CompareTo(y);
        }

        if (na is not null || nb is not null)
        {
            return na is null ? -1 : 1;
        }

        return Natural(Format(a)!, Format(b)!);
    }

    private static int Natural(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }

                var runA = a[si..i];
                var runB = b[sj..j];
                var byLength = runA.Length.CompareTo(runB.Length);
                if (byLength != 0)
                {
                    return byLength;
                }

                var byValue = string.CompareOrdinal(runA, runB);
                if (byValue != 0)
                {
                    return byValue;
                }

                continue;
            }

            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }

            i++;
            j++;
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }
}
