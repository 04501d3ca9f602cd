namespace EksOps.Lambda;

/// <summary>
/// Metrics for the current invocation. The runtime writes them as one CloudWatch Embedded Metric Format document
/// to stdout when the invocation ends (earlier if a limit of the format is reached), so CloudWatch extracts them
/// from the log stream with no API call.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>EKSOPS_METRICS_NAMESPACE</c></term><description>CloudWatch namespace; default <c>EksOps</c>.</description></item>
/// <item><term><c>EKSOPS_SERVICE_NAME</c></term><description>Value of the <c>Service</c> dimension on every metric; default the function name.</description></item>
/// <item><term><c>EKSOPS_METRICS_DISABLED</c></term><description><c>true</c> writes no metrics (local runs).</description></item>
/// </list>
/// </remarks>
public interface IMetrics
{
    /// <summary>Records one value of a metric. Values of the same metric within an invocation are kept as a list.</summary>
    /// <param name="name">Metric name, 1 to 255 characters.</param>
    /// <param name="value">A finite value.</param>
    /// <param name="unit">The unit; one metric keeps one unit.</param>
    /// <param name="resolution">Standard (60 s) or high (1 s) resolution.</param>
    /// <exception cref="ArgumentException">The name is empty or too long, the value is not finite, or the unit differs from the one already recorded.</exception>
    void AddMetric(
        string name,
        double value,
        MetricUnit unit = MetricUnit.Count,
        MetricResolution resolution = MetricResolution.Standard);

    /// <summary>Adds a dimension to every metric of this invocation (besides <c>Service</c>).</summary>
    /// <param name="name">Dimension name.</param>
    /// <param name="value">Dimension value, 1 to 1,024 characters.</param>
    /// <exception cref="ArgumentException">Past 30 dimensions, or an empty or over-long name or value.</exception>
    void AddDimension(string name, string value);

    /// <summary>Adds a searchable value to the document that is not a metric dimension (an alarm name, an incident id).</summary>
    /// <param name="key">Member name.</param>
    /// <param name="value">Value.</param>
    void AddMetadata(string key, string value);

    /// <summary>
    /// Writes metrics now, as a document of their own with exactly these dimensions (besides <c>Service</c>) instead of
    /// the invocation's: for values that belong to one part of an invocation, such as each of several tool calls made
    /// in one RETURN_CONTROL round, which would otherwise all be filed under the invocation's last dimension value.
    /// </summary>
    /// <param name="dimensions">The document's dimensions (at most 29; names unique).</param>
    /// <param name="metrics">The values (names unique; at most 100).</param>
    /// <exception cref="ArgumentException">A name, value or dimension breaks the rules of <see cref="AddMetric"/> and <see cref="AddDimension"/>, or a name repeats.</exception>
    void PushMetrics(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics);
}
