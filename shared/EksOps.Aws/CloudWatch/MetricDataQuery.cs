namespace EksOps.Aws.CloudWatch;

/// <summary>
/// One query of <c>GetMetricData</c> (and one entry of a metric-math alarm): either a <see cref="MetricStat"/> or a math
/// or Metrics Insights <see cref="Expression"/>.
/// </summary>
public sealed record MetricDataQuery
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private string _id = string.Empty;

    /// <summary>The id, unique in the request; starts with a lower-case letter. Expressions refer to other queries by it.</summary>
    public string Id { get => _id; init => _id = value ?? string.Empty; }

    /// <summary>The metric to read, when this is not an expression.</summary>
    public MetricStat? MetricStat { get; init; }

    /// <summary>A math expression (<c>m1 / m2 * 100</c>) or Metrics Insights query, when this is not a metric.</summary>
    public string? Expression { get; init; }

    /// <summary>A label for the result.</summary>
    public string? Label { get; init; }

    /// <summary>Whether the result is returned; false for intermediate inputs of an expression. Null means true.</summary>
    public bool? ReturnData { get; init; }

    /// <summary>The period in seconds of an expression's result.</summary>
    public int? Period { get; init; }

    /// <summary>The account to read from (cross-account observability).</summary>
    public string? AccountId { get; init; }

    /// <summary>A query that reads one metric.</summary>
    /// <param name="id">The query id.</param>
    /// <param name="metricStat">The metric, statistic and period.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The query.</returns>
    public static MetricDataQuery ForMetric(string id, MetricStat metricStat, string? label = null) =>
        new() { Id = id, MetricStat = metricStat, Label = label };

    /// <summary>A query that evaluates an expression over other queries.</summary>
    /// <param name="id">The query id.</param>
    /// <param name="expression">The expression.</param>
    /// <param name="label">An optional label.</param>
    /// <param name="period">The period of the result, in seconds, if the expression needs one.</param>
    /// <returns>The query.</returns>
    public static MetricDataQuery ForExpression(string id, string expression, string? label = null, int? period = null) =>
        new() { Id = id, Expression = expression, Label = label, Period = period };
}
