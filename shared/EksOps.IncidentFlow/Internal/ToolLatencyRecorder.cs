using EksOps.Lambda;
using EksOps.Tools;

namespace EksOps.IncidentFlow.Internal;

/// <summary>
/// Passes every metric through to the invocation's metrics and keeps the <c>ToolLatency</c> the registry pushes once
/// per call, in call order: a diagnosis makes its reads one after another, so the n-th latency is the n-th evidence
/// record's duration.
/// </summary>
internal sealed class ToolLatencyRecorder(IMetrics inner) : IMetrics
{
    private readonly List<double> _latencies = [];

    public IReadOnlyList<double> Latencies => _latencies;

    public void AddMetric(string name, double value, MetricUnit unit = MetricUnit.Count, MetricResolution resolution = MetricResolution.Standard) =>
        inner.AddMetric(name, value, unit, resolution);

    public void AddDimension(string name, string value) => inner.AddDimension(name, value);

    public void AddMetadata(string key, string value) => inner.AddMetadata(key, value);

    public void PushMetrics(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(metrics);
        if (dimensions.Any(d => d.Key == ToolMetricNames.ToolDimension))
        {
            foreach (var metric in metrics.Where(m => m.Name == ToolMetricNames.Latency))
            {
                _latencies.Add(metric.Value);
            }
        }

        inner.PushMetrics(dimensions, metrics);
    }
}
