using EksOps.Lambda;

namespace EksOps.Cli;

/// <summary>Metrics nobody collects on a laptop.</summary>
internal sealed class DiscardedMetrics : IMetrics
{
    public static DiscardedMetrics Instance { get; } = new();

    public void AddMetric(string name, double value, MetricUnit unit = MetricUnit.Count, MetricResolution resolution = MetricResolution.Standard)
    {
        // Nothing: there is no EMF sink locally.
    }

    public void AddDimension(string name, string value)
    {
        // Nothing: see AddMetric.
    }

    public void AddMetadata(string key, string value)
    {
        // Nothing: see AddMetric.
    }

    public void PushMetrics(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics)
    {
        // Nothing: see AddMetric.
    }
}
