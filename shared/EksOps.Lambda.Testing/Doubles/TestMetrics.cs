namespace EksOps.Lambda.Testing;

/// <summary>
/// An <see cref="IMetrics"/> that records every call, for assertions. It rejects what the runtime's EMF writer
/// rejects for a single call (an empty or over-long name, a value that is not finite, an empty dimension value), so
/// a handler test fails where production would. Thread-safe.
/// </summary>
public sealed class TestMetrics : IMetrics
{
    private const int MaxNameLength = 255;
    private const int MaxDimensionValueLength = 1024;

    private readonly Lock _gate = new();
    private readonly List<RecordedMetric> _metrics = [];
    private readonly List<KeyValuePair<string, string>> _dimensions = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly List<PushedMetrics> _pushed = [];

    /// <summary>A snapshot of the <see cref="IMetrics.PushMetrics"/> calls (their values are also in <see cref="Metrics"/>), in call order.</summary>
    public IReadOnlyList<PushedMetrics> Pushed
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushed];
            }
        }
    }

    /// <summary>A snapshot of the recorded metric values, in call order.</summary>
    public IReadOnlyList<RecordedMetric> Metrics
    {
        get
        {
            lock (_gate)
            {
                return [.. _metrics];
            }
        }
    }

    /// <summary>A snapshot of the <see cref="IMetrics.AddDimension"/> calls, in call order (a repeated name appears twice).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Dimensions
    {
        get
        {
            lock (_gate)
            {
                return [.. _dimensions];
            }
        }
    }

    /// <summary>A snapshot of the <see cref="IMetrics.AddMetadata"/> calls, in call order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata
    {
        get
        {
            lock (_gate)
            {
                return [.. _metadata];
            }
        }
    }

    /// <summary>The values recorded for the metric <paramref name="name"/>, in call order.</summary>
    /// <param name="name">The metric name.</param>
    /// <returns>The values; empty when the metric was never recorded.</returns>
    public IReadOnlyList<double> ValuesOf(string name)
    {
        lock (_gate)
        {
            return [.. _metrics.Where(m => m.Name == name).Select(m => m.Value)];
        }
    }

    /// <inheritdoc />
    public void AddMetric(string name, double value, MetricUnit unit = MetricUnit.Count, MetricResolution resolution = MetricResolution.Standard)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A metric name must be 1 to {MaxNameLength} characters; got '{name}'.", nameof(name));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Metric '{name}' got {value}; EMF values must be finite numbers.", nameof(value));
        }

        lock (_gate)
        {
            _metrics.Add(new RecordedMetric(name, value, unit, resolution));
        }
    }

    /// <inheritdoc />
    public void AddDimension(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A dimension name must be 1 to {MaxNameLength} characters; got '{name}'.", nameof(name));
        }

        if (string.IsNullOrEmpty(value) || value.Length > MaxDimensionValueLength)
        {
            throw new ArgumentException($"Dimension '{name}' needs a value of 1 to {MaxDimensionValueLength} characters.", nameof(value));
        }

        lock (_gate)
        {
            _dimensions.Add(new(name, value));
        }
    }

    /// <inheritdoc />
    public void AddMetadata(string key, string value)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("A metadata key must not be empty.", nameof(key));
        }

        lock (_gate)
        {
            _metadata.Add(new(key, value));
        }
    }

    /// <inheritdoc />
    public void PushMetrics(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(metrics);
        var keys = new HashSet<string>(StringComparer.Ordinal) { "Service" };
        foreach (var (name, value) in dimensions)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || string.IsNullOrEmpty(value) || value.Length > MaxDimensionValueLength || !keys.Add(name))
            {
                throw new ArgumentException($"Dimension '{name}' is empty, too long, reserved or repeated.", nameof(dimensions));
            }
        }

        foreach (var metric in metrics)
        {
            if (string.IsNullOrWhiteSpace(metric.Name) || metric.Name.Length > MaxNameLength || !double.IsFinite(metric.Value) || !keys.Add(metric.Name))
            {
                throw new ArgumentException($"Metric '{metric.Name}' is empty, too long, not finite or repeated.", nameof(metrics));
            }
        }

        lock (_gate)
        {
            _pushed.Add(new PushedMetrics([.. dimensions], [.. metrics]));
            _metrics.AddRange(metrics.Select(m => new RecordedMetric(m.Name, m.Value, m.Unit, m.Resolution)));
        }
    }

    /// <summary>Forgets every recorded call.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _metrics.Clear();
            _dimensions.Clear();
            _metadata.Clear();
            _pushed.Clear();
        }
    }
}
