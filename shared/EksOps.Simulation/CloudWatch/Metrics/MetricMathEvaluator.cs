namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Evaluates parsed metric math over the results of the other queries of a request. Series combine on the timestamps
/// they share (a datapoint missing on either side is missing in the result, as in CloudWatch); results that are not
/// finite numbers (division by zero) are dropped.
/// </summary>
internal sealed class MetricMathEvaluator(
    IReadOnlyDictionary<string, MathValue> values,
    IReadOnlyList<string> metricIds,
    long startMilliseconds,
    long endMilliseconds)
{
    public const string Supported =
        "+ - * / ^, METRICS(), SUM, AVG, MIN, MAX, STDDEV, ABS, CEIL, FLOOR, RATE, DIFF, FILL (number, REPEAT, LINEAR), REMOVE_EMPTY, PERIOD";

    public MathValue Evaluate(MathNode node) => node switch
    {
        MathNode.Number n => new MathValue.Number(n.Value),
        MathNode.Text t => new MathValue.Text(t.Value),
        MathNode.Keyword k => new MathValue.Keyword(k.Name),
        MathNode.Reference r => values[r.Id],
        MathNode.Negate n => Map(Evaluate(n.Operand), v => -v),
        MathNode.Binary b => Combine(b.Operator, Evaluate(b.Left), Evaluate(b.Right)),
        MathNode.Call c => Call(c),
        _ => throw new MetricMathException("ExpressionError", "unknown expression node"),
    };

    private MathValue Call(MathNode.Call call)
    {
        var name = call.Function;
        switch (name)
        {
            case "METRICS":
                return Metrics(call);
            case "SUM" or "AVG" or "MIN" or "MAX" or "STDDEV":
                return Aggregate(name, Single(call));
            case "ABS":
                return Map(Single(call), Math.Abs);
            case "CEIL":
                return Map(Single(call), Math.Ceiling);
            case "FLOOR":
                return Map(Single(call), Math.Floor);
            case "RATE":
                return EachSeries(Single(call), name, s => Differences(s, perSecond: true));
            case "DIFF":
                return EachSeries(Single(call), name, s => Differences(s, perSecond: false));
            case "FILL":
                return Fill(call);
            case "REMOVE_EMPTY":
                return Single(call) is MathValue.SeriesArray array
                    ? new MathValue.SeriesArray([.. array.Value.Where(s => s.Points.Count > 0)])
                    : throw new MetricMathException("ExpressionError", "REMOVE_EMPTY takes an array of time series");
            case "PERIOD":
                return Single(call) is MathValue.Series series
                    ? new MathValue.Number(series.Value.Period)
                    : throw new MetricMathException("ExpressionError", "PERIOD takes one time series");
            default:
                throw new MetricMathException(
                    "UnsupportedExpression",
                    $"The function {name} is not supported by the EksOps CloudWatch simulator (it supports {Supported}).");
        }
    }

    private MathValue Single(MathNode.Call call) =>
        call.Arguments.Count == 1
            ? Evaluate(call.Arguments[0])
            : throw new MetricMathException("ExpressionError", $"{call.Function} takes one argument, not {call.Arguments.Count}");

    private MathValue.SeriesArray Metrics(MathNode.Call call)
    {
        string? filter = null;
        if (call.Arguments.Count == 1)
        {
            filter = Evaluate(call.Arguments[0]) is MathValue.Text text
                ? text.Value
                : throw new MetricMathException("ExpressionError", "METRICS takes an optional string");
        }
        else if (call.Arguments.Count > 1)
        {
            throw new MetricMathException("ExpressionError", "METRICS takes at most one argument");
        }

        var selected = new List<TimeSeries>();
        foreach (var id in metricIds)
        {
            if (values.TryGetValue(id, out var value) && value is MathValue.Series series
                && (filter is null || id.Contains(filter, StringComparison.Ordinal) || series.Value.Label.Contains(filter, StringComparison.Ordinal)))
            {
                selected.Add(series.Value);
            }
        }

        return new MathValue.SeriesArray(selected);
    }

    private static MathValue Aggregate(string function, MathValue input)
    {
        switch (input)
        {
            case MathValue.Number:
                return input;
            case MathValue.Series series:
                return series.Value.Points.Count == 0
                    ? throw new MetricMathException("ExpressionError", $"{function} of a time series without datapoints has no value")
                    : new MathValue.Number(Reduce(function, [.. series.Value.Points.Values]));
            case MathValue.SeriesArray array:
                var points = new SortedDictionary<long, double>();
                var timestamps = array.Value.SelectMany(s => s.Points.Keys).Distinct();
                foreach (var timestamp in timestamps)
                {
                    var atTime = array.Value.Where(s => s.Points.ContainsKey(timestamp)).Select(s => s.Points[timestamp]).ToList();
                    points[timestamp] = Reduce(function, atTime);
                }

                var period = array.Value.Count == 0 ? 60 : array.Value.Max(s => s.Period);
                return new MathValue.Series(new TimeSeries(function, period, points));
            default:
                throw new MetricMathException("ExpressionError", $"{function} takes a number, a time series or an array of time series");
        }
    }

    private static double Reduce(string function, List<double> items) => function switch
    {
        "SUM" => items.Sum(),
        "AVG" => items.Average(),
        "MIN" => items.Min(),
        "MAX" => items.Max(),
        _ => Math.Sqrt(items.Select(v => Math.Pow(v - items.Average(), 2)).Average()),
    };

    private MathValue Fill(MathNode.Call call)
    {
        if (call.Arguments.Count != 2)
        {
            throw new MetricMathException("ExpressionError", "FILL takes a time series (or an array) and a value, REPEAT or LINEAR");
        }

        var how = Evaluate(call.Arguments[1]);
        return EachSeries(Evaluate(call.Arguments[0]), "FILL", series =>
        {
            var filled = new SortedDictionary<long, double>(series.Points);
            var step = series.Period * 1000L;
            var grid = new List<long>();
            for (var t = startMilliseconds; t < endMilliseconds; t += step)
            {
                grid.Add(t);
            }

            foreach (var t in grid.Where(t => !series.Points.ContainsKey(t)))
            {
                double? value = how switch
                {
                    MathValue.Number n => n.Value,
                    MathValue.Keyword { Value: "REPEAT" } => series.Points.Where(p => p.Key < t).Select(p => (double?)p.Value).LastOrDefault()
                        ?? series.Points.Select(p => (double?)p.Value).FirstOrDefault(),
                    MathValue.Keyword { Value: "LINEAR" } => Linear(series.Points, t),
                    _ => throw new MetricMathException("ExpressionError", "FILL's second argument must be a number, REPEAT or LINEAR"),
                };
                if (value is { } v)
                {
                    filled[t] = v;
                }
            }

            return filled;
        });
    }

    private static double? Linear(SortedDictionary<long, double> points, long t)
    {
        var before = points.Where(p => p.Key < t).Select(p => (KeyValuePair<long, double>?)p).LastOrDefault();
        var after = points.Where(p => p.Key > t).Select(p => (KeyValuePair<long, double>?)p).FirstOrDefault();
        if (before is { } b && after is { } a)
        {
            return b.Value + ((a.Value - b.Value) * (t - b.Key) / (a.Key - b.Key));
        }

        return before?.Value ?? after?.Value;
    }

    private static SortedDictionary<long, double> Differences(TimeSeries series, bool perSecond)
    {
        var result = new SortedDictionary<long, double>();
        KeyValuePair<long, double>? previous = null;
        foreach (var point in series.Points)
        {
            if (previous is { } p)
            {
                var difference = point.Value - p.Value;
                result[point.Key] = perSecond ? difference / ((point.Key - p.Key) / 1000.0) : difference;
            }

            previous = point;
        }

        return result;
    }

    private static MathValue EachSeries(MathValue input, string function, Func<TimeSeries, SortedDictionary<long, double>> apply) => input switch
    {
        MathValue.Series s => new MathValue.Series(s.Value.With(Finite(apply(s.Value)))),
        MathValue.SeriesArray a => new MathValue.SeriesArray([.. a.Value.Select(s => s.With(Finite(apply(s))))]),
        _ => throw new MetricMathException("ExpressionError", $"{function} takes a time series or an array of time series"),
    };

    private static MathValue Map(MathValue input, Func<double, double> apply) => input switch
    {
        MathValue.Number n => new MathValue.Number(apply(n.Value)),
        MathValue.Series s => new MathValue.Series(s.Value.With(Finite(s.Value.Points.ToDictionary(p => p.Key, p => apply(p.Value))))),
        MathValue.SeriesArray a => new MathValue.SeriesArray([.. a.Value.Select(s => s.With(Finite(s.Points.ToDictionary(p => p.Key, p => apply(p.Value)))))]),
        _ => throw new MetricMathException("ExpressionError", "arithmetic needs numbers or time series"),
    };

    private static MathValue Combine(char op, MathValue left, MathValue right)
    {
        Func<double, double, double> apply = op switch
        {
            '+' => (a, b) => a + b,
            '-' => (a, b) => a - b,
            '*' => (a, b) => a * b,
            '/' => (a, b) => a / b,
            _ => Math.Pow,
        };

        switch (left, right)
        {
            case (MathValue.Number a, MathValue.Number b):
                return new MathValue.Number(apply(a.Value, b.Value));
            case (MathValue.Number a, _):
                return Map(right, v => apply(a.Value, v));
            case (_, MathValue.Number b):
                return Map(left, v => apply(v, b.Value));
            case (MathValue.Series a, MathValue.Series b):
                return new MathValue.Series(Both(a.Value, b.Value, apply));
            case (MathValue.SeriesArray a, MathValue.Series b):
                return new MathValue.SeriesArray([.. a.Value.Select(s => Both(s, b.Value, apply))]);
            case (MathValue.Series a, MathValue.SeriesArray b):
                return new MathValue.SeriesArray([.. b.Value.Select(s => Both(a.Value, s, apply, s.Label))]);
            case (MathValue.SeriesArray, MathValue.SeriesArray):
                throw new MetricMathException("ExpressionError", "two arrays of time series cannot be combined with an operator");
            default:
                throw new MetricMathException("ExpressionError", "arithmetic needs numbers or time series");
        }
    }

    private static TimeSeries Both(TimeSeries left, TimeSeries right, Func<double, double, double> apply, string? label = null)
    {
        var points = new Dictionary<long, double>();
        foreach (var (timestamp, value) in left.Points)
        {
            if (right.Points.TryGetValue(timestamp, out var other))
            {
                points[timestamp] = apply(value, other);
            }
        }

        return new TimeSeries(label ?? left.Label, Math.Max(left.Period, right.Period), Finite(points));
    }

    private static SortedDictionary<long, double> Finite(IEnumerable<KeyValuePair<long, double>> points) =>
        new(points.Where(p => double.IsFinite(p.Value)).ToDictionary(p => p.Key, p => p.Value));
}
