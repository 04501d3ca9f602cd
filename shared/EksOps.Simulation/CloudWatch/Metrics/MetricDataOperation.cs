using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// <c>GetMetricData</c>: validates the queries as CloudWatch does, aggregates each metric's samples into the requested
/// periods (buckets start at the rounded start time; start inclusive, end exclusive), evaluates metric math, orders
/// datapoints (<c>TimestampDescending</c> by default) and pages them by <c>MaxDatapoints</c> with <c>NextToken</c>.
/// </summary>
internal static partial class MetricDataOperation
{
    private const int DefaultMaxDatapoints = 100_800;
    private static readonly int[] HighResolutionPeriods = [1, 5, 10, 20, 30];

    public static byte[] Run(SimulatedCloudWatch state, JsonElement input)
    {
        var queries = ReadQueries(input);
        var start = JsonInput.EpochSeconds(input, "StartTime") ?? throw Faults.Validation("The parameter StartTime is required.");
        var end = JsonInput.EpochSeconds(input, "EndTime") ?? throw Faults.Validation("The parameter EndTime is required.");
        if (end <= start)
        {
            throw Faults.Validation("The parameter StartTime must be less than the parameter EndTime.");
        }

        var scanBy = JsonInput.String(input, "ScanBy") ?? "TimestampDescending";
        if (scanBy is not ("TimestampDescending" or "TimestampAscending"))
        {
            throw Faults.Validation($"The value {scanBy} for parameter ScanBy is not valid: use TimestampDescending or TimestampAscending.");
        }

        var maxDatapoints = JsonInput.Int(input, "MaxDatapoints") ?? DefaultMaxDatapoints;
        if (maxDatapoints < 1)
        {
            throw Faults.Validation("The parameter MaxDatapoints must be greater than 0.");
        }

        var results = Evaluate(state, queries, start, end);
        var returned = results.Where(r => r.Query.ReturnData).ToList();
        foreach (var result in returned)
        {
            result.Points.Sort((a, b) => scanBy == "TimestampAscending" ? a.Timestamp.CompareTo(b.Timestamp) : b.Timestamp.CompareTo(a.Timestamp));
        }

        var fingerprint = Fingerprint(input);
        var offset = 0;
        if (JsonInput.String(input, "NextToken") is { } token)
        {
            offset = ReadToken(token, fingerprint);
        }

        var total = returned.Sum(r => r.Points.Count);
        if (offset > total)
        {
            throw Faults.InvalidNextToken();
        }

        var pageEnd = (int)Math.Min((long)offset + maxDatapoints, total);
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("MetricDataResults");
            var first = 0;
            foreach (var result in returned)
            {
                var last = first + result.Points.Count;
                if (result.Points.Count == 0)
                {
                    // A result without datapoints (or one that failed) is answered on the first page.
                    if (offset == 0)
                    {
                        WriteResult(writer, result, [], result.Status);
                    }
                }
                else if (first < pageEnd && last > offset)
                {
                    var from = Math.Max(offset, first) - first;
                    var to = Math.Min(pageEnd, last) - first;
                    WriteResult(writer, result, result.Points.GetRange(from, to - from), last > pageEnd ? "PartialData" : result.Status);
                }

                first = last;
            }

            writer.WriteEndArray();
            if (pageEnd < total)
            {
                writer.WriteString("NextToken", Token(pageEnd, fingerprint));
            }

            writer.WriteStartArray("Messages");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static void WriteResult(Utf8JsonWriter writer, QueryResult result, List<(DateTimeOffset Timestamp, double Value)> points, string status)
    {
        writer.WriteStartObject();
        writer.WriteString("Id", result.Query.Id);
        writer.WriteString("Label", result.Label);
        writer.WriteStartArray("Timestamps");
        foreach (var point in points)
        {
            JsonOutput.EpochSeconds(writer, point.Timestamp);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("Values");
        foreach (var point in points)
        {
            writer.WriteNumberValue(point.Value);
        }

        writer.WriteEndArray();
        writer.WriteString("StatusCode", status);
        writer.WriteStartArray("Messages");
        foreach (var (code, value) in result.Messages)
        {
            writer.WriteStartObject();
            writer.WriteString("Code", code);
            writer.WriteString("Value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static List<QueryResult> Evaluate(SimulatedCloudWatch state, List<Query> queries, DateTimeOffset start, DateTimeOffset end)
    {
        var results = new Dictionary<string, QueryResult>(StringComparer.Ordinal);
        var values = new Dictionary<string, MathValue>(StringComparer.Ordinal);
        var metricIds = queries.Where(q => q.Stat is not null).Select(q => q.Id).ToList();
        var metricPeriods = new List<int>();
        foreach (var query in queries.Where(q => q.Stat is not null))
        {
            var rounded = RoundStart(start, query.Period, state.Now);
            var series = Aggregate(state, query, rounded, end);
            results[query.Id] = new QueryResult(query, query.Label ?? query.MetricName!) { Points = ToPoints(series) };
            values[query.Id] = new MathValue.Series(new TimeSeries(query.Label ?? query.MetricName!, query.Period, series));
            metricPeriods.Add(query.Period);
            if (!query.Stat!.Supported)
            {
                results[query.Id].Fail("UnsupportedStatistic", $"The statistic {query.Stat.Name} is valid in CloudWatch but not computed by the EksOps CloudWatch simulator.");
            }
        }

        var gridPeriod = metricPeriods.Count == 0 ? 60 : metricPeriods.Max();
        var gridStart = RoundStart(start, gridPeriod, state.Now).ToUnixTimeMilliseconds();
        var evaluator = new MetricMathEvaluator(values, metricIds, gridStart, end.ToUnixTimeMilliseconds());
        foreach (var query in ExpressionOrder(queries))
        {
            var result = new QueryResult(query, query.Label ?? query.Id);
            results[query.Id] = result;
            var failedInput = query.Node!.References().Concat(query.Node.UsesMetrics() ? metricIds : [])
                .Select(id => results.GetValueOrDefault(id))
                .FirstOrDefault(r => r is not null && r.Status != "Complete");
            if (query.Expression!.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                result.Fail("UnsupportedExpression", "Metrics Insights queries (SELECT …) are not supported by the EksOps CloudWatch simulator.");
                continue;
            }

            if (failedInput is not null)
            {
                result.Fail(failedInput.Messages[0].Code, $"The expression uses {failedInput.Query.Id}, which failed: {failedInput.Messages[0].Value}");
                continue;
            }

            try
            {
                switch (evaluator.Evaluate(query.Node))
                {
                    case MathValue.Series series:
                        result.Points = ToPoints(series.Value.Points);
                        values[query.Id] = new MathValue.Series(series.Value.With(series.Value.Points, result.Label));
                        break;
                    case MathValue.SeriesArray array:
                        result.Array = [.. array.Value];
                        values[query.Id] = array;
                        break;
                    case MathValue.Number number:
                        values[query.Id] = number;
                        result.Fail("ExpressionError", $"The expression returns the single number {number.Value.ToString(CultureInfo.InvariantCulture)}, not a time series.");
                        break;
                    default:
                        result.Fail("ExpressionError", "The expression does not return a time series.");
                        break;
                }
            }
            catch (MetricMathException e)
            {
                result.Fail(e.Code, e.Message);
            }
        }

        // An expression that returns an array answers with one result per time series, all under the expression's id.
        var ordered = new List<QueryResult>();
        foreach (var query in queries)
        {
            var result = results[query.Id];
            if (result.Array is { } array)
            {
                ordered.AddRange(array.Select(s => new QueryResult(query, s.Label) { Points = ToPoints(s.Points) }));
            }
            else
            {
                ordered.Add(result);
            }
        }

        return ordered;
    }

    /// <summary>The samples of the query's series, bucketed by period from the rounded start, reduced with the statistic.</summary>
    private static SortedDictionary<long, double> Aggregate(SimulatedCloudWatch state, Query query, DateTimeOffset start, DateTimeOffset end)
    {
        var result = new SortedDictionary<long, double>();
        var series = state.FindSeries(query.Namespace!, query.MetricName!, query.Dimensions);
        if (series is null || (query.Unit is { } unit && unit != (series.Unit ?? "None")))
        {
            return result;
        }

        var startMs = start.ToUnixTimeMilliseconds();
        var periodMs = query.Period * 1000L;
        var buckets = new SortedDictionary<long, List<double>>();
        foreach (var point in series.Points)
        {
            if (point.Timestamp < start || point.Timestamp >= end || !double.IsFinite(point.Value))
            {
                continue;
            }

            var bucket = startMs + ((point.Timestamp.ToUnixTimeMilliseconds() - startMs) / periodMs * periodMs);
            if (!buckets.TryGetValue(bucket, out var samples))
            {
                buckets[bucket] = samples = [];
            }

            samples.Add(point.Value);
        }

        foreach (var (bucket, samples) in buckets)
        {
            if (query.Stat!.Compute(samples) is { } value && double.IsFinite(value))
            {
                result[bucket] = value;
            }
        }

        return result;
    }

    /// <summary>
    /// CloudWatch's rounding of <c>StartTime</c>: to a multiple of the period for high-resolution periods; otherwise down to
    /// the minute when it is less than 15 days before now, to 5 minutes up to 63 days, to the hour beyond.
    /// </summary>
    private static DateTimeOffset RoundStart(DateTimeOffset start, int period, DateTimeOffset now)
    {
        var ms = start.ToUnixTimeMilliseconds();
        long unit;
        if (period < 60)
        {
            unit = period * 1000L;
        }
        else
        {
            var age = now - start;
            unit = age < TimeSpan.FromDays(15) ? 60_000L : age < TimeSpan.FromDays(63) ? 300_000L : 3_600_000L;
        }

        var remainder = ((ms % unit) + unit) % unit;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - remainder);
    }

    private static List<(DateTimeOffset Timestamp, double Value)> ToPoints(SortedDictionary<long, double> points) =>
        [.. points.Select(p => (DateTimeOffset.FromUnixTimeMilliseconds(p.Key), p.Value))];

    private static List<Query> ReadQueries(JsonElement input)
    {
        var items = JsonInput.Array(input, "MetricDataQueries");
        if (items.Count == 0)
        {
            throw Faults.Validation("The parameter MetricDataQueries is required and must hold at least one query.");
        }

        if (items.Count > 500)
        {
            throw Faults.Validation("The collection MetricDataQueries must not have a size greater than 500.");
        }

        var queries = new List<Query>();
        for (var i = 0; i < items.Count; i++)
        {
            var member = $"MetricDataQueries.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Faults.Serialization($"{member} is not an object.");
            }

            var id = JsonInput.String(item, "Id") ?? throw Faults.Validation($"The parameter {member}.Id is required.");
            if (!IdPattern().IsMatch(id))
            {
                throw Faults.Validation($"The value {id} for parameter {member}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.");
            }

            var stat = JsonInput.Object(item, "MetricStat");
            var expression = JsonInput.String(item, "Expression");
            if ((stat is null) == (expression is null))
            {
                throw Faults.Validation($"Exactly one element of the MetricStat or the Expression parameter in {member} must be specified.");
            }

            var query = new Query
            {
                Id = id,
                Member = member,
                Label = JsonInput.String(item, "Label"),
                ReturnData = JsonInput.Bool(item, "ReturnData") ?? true,
                Expression = expression,
            };
            if (stat is { } s)
            {
                var metric = JsonInput.Object(s, "Metric") ?? throw Faults.Validation($"The parameter {member}.MetricStat.Metric is required.");
                var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var dimension in JsonInput.Array(metric, "Dimensions"))
                {
                    var name = JsonInput.String(dimension, "Name");
                    var value = JsonInput.String(dimension, "Value");
                    if (string.IsNullOrEmpty(name) || value is null)
                    {
                        throw Faults.Validation($"Every dimension in {member}.MetricStat.Metric.Dimensions needs a Name and a Value.");
                    }

                    if (!dimensions.TryAdd(name, value))
                    {
                        throw Faults.InvalidParameterValue($"The dimension {name} is given twice in {member}.MetricStat.Metric.Dimensions.");
                    }
                }

                var period = JsonInput.Int(s, "Period") ?? throw Faults.Validation($"The parameter {member}.MetricStat.Period is required.");
                if (period < 1 || (period % 60 != 0 && !HighResolutionPeriods.Contains(period)))
                {
                    throw Faults.Validation($"The parameter {member}.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.");
                }

                var statText = JsonInput.String(s, "Stat") ?? throw Faults.Validation($"The parameter {member}.MetricStat.Stat is required.");
                query = query with
                {
                    Namespace = JsonInput.String(metric, "Namespace") ?? throw Faults.Validation($"The parameter {member}.MetricStat.Metric.Namespace is required."),
                    MetricName = JsonInput.String(metric, "MetricName") ?? throw Faults.Validation($"The parameter {member}.MetricStat.Metric.MetricName is required."),
                    Dimensions = dimensions,
                    Period = period,
                    Stat = Statistic.Parse(statText) ?? throw Faults.Validation($"The value for parameter {member}.MetricStat.Stat is not a valid statistic."),
                    Unit = JsonInput.String(s, "Unit"),
                };
            }
            else
            {
                try
                {
                    query = query with { Node = MathParser.Parse(expression!), Period = JsonInput.Int(item, "Period") ?? 0 };
                }
                catch (FormatException e) when (!expression!.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    throw Faults.Validation($"Error in expression {id} ({member}.Expression): {e.Message}.");
                }
                catch (FormatException)
                {
                    query = query with { Node = new MathNode.Number(0) };
                }
            }

            queries.Add(query);
        }

        var duplicate = queries.GroupBy(q => q.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Faults.Validation($"The values for parameter id in MetricDataQueries are not unique: {duplicate.Key} is used more than once.");
        }

        var ids = queries.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var query in queries.Where(q => q.Node is not null))
        {
            var unknown = query.Node!.References().FirstOrDefault(r => !ids.Contains(r));
            if (unknown is not null)
            {
                throw Faults.Validation($"Error in expression {query.Id}: Unrecognized metric id {unknown}.");
            }
        }

        return queries;
    }

    /// <summary>The expressions in an order where each comes after what it uses; a cycle is a validation error.</summary>
    private static List<Query> ExpressionOrder(List<Query> queries)
    {
        var expressions = queries.Where(q => q.Node is not null).ToDictionary(q => q.Id, StringComparer.Ordinal);
        var ordered = new List<Query>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        void Visit(Query query)
        {
            if (state.TryGetValue(query.Id, out var done))
            {
                if (!done)
                {
                    throw Faults.Validation($"Error in expression {query.Id}: circular dependency between expressions.");
                }

                return;
            }

            state[query.Id] = false;
            foreach (var reference in query.Node!.References().Where(expressions.ContainsKey))
            {
                Visit(expressions[reference]);
            }

            state[query.Id] = true;
            ordered.Add(query);
        }

        foreach (var query in expressions.Values)
        {
            Visit(query);
        }

        return ordered;
    }

    private static string Fingerprint(JsonElement input)
    {
        var text = new StringBuilder();
        foreach (var name in new[] { "MetricDataQueries", "StartTime", "EndTime", "ScanBy", "MaxDatapoints" })
        {
            text.Append(name).Append('=').Append(input.TryGetProperty(name, out var value) ? value.GetRawText() : string.Empty).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Token(int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"gmd:{offset.ToString(CultureInfo.InvariantCulture)}:{fingerprint}"));

    private static int ReadToken(string token, string fingerprint)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 3 && parts[0] == "gmd" && parts[2] == fingerprint
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        throw Faults.InvalidNextToken();
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]*$")]
    private static partial Regex IdPattern();

    private sealed record Query
    {
        public required string Id { get; init; }

        public required string Member { get; init; }

        public string? Label { get; init; }

        public bool ReturnData { get; init; } = true;

        public string? Expression { get; init; }

        public MathNode? Node { get; init; }

        public string? Namespace { get; init; }

        public string? MetricName { get; init; }

        public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

        public int Period { get; init; }

        public Statistic? Stat { get; init; }

        public string? Unit { get; init; }
    }

    private sealed class QueryResult(Query query, string label)
    {
        public Query Query { get; } = query;

        public string Label { get; } = label;

        public List<(DateTimeOffset Timestamp, double Value)> Points { get; set; } = [];

        public List<TimeSeries>? Array { get; set; }

        public string Status { get; private set; } = "Complete";

        public List<(string Code, string Value)> Messages { get; } = [];

        public void Fail(string code, string message)
        {
            Status = "InternalError";
            Points = [];
            Messages.Add((code, message));
        }
    }
}
