using System.Buffers;
using System.Text.Json;
using EksOps.Lambda.Logging;

namespace EksOps.Lambda.Metrics;

/// <summary>
/// Collects one invocation's metrics and writes them as CloudWatch Embedded Metric Format documents.
/// </summary>
/// <remarks>
/// Limits of the format are enforced here rather than discovered in CloudWatch: at most 100 metrics per directive and
/// 100 values per metric (reaching either flushes early), 30 dimensions per set, dimension values of 1,024 characters.
/// </remarks>
internal sealed class EmfMetrics : IMetrics
{
    public const int MaxMetricsPerDocument = 100;
    public const int MaxValuesPerMetric = 100;
    public const int MaxDimensions = 30;
    public const int MaxDimensionValueLength = 1024;
    public const int MaxMetricNameLength = 255;
    public const string ServiceDimension = "Service";

    private readonly LogSink _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<(string Name, MetricUnit Unit, MetricResolution Resolution, List<double> Values)> _metrics = [];
    private readonly List<KeyValuePair<string, string>> _dimensions = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private string? _requestId;
    private string? _traceId;

    public EmfMetrics(LogSink sink, TimeProvider time, string metricsNamespace, string service, bool disabled)
    {
        _sink = sink;
        _time = time;
        Namespace = metricsNamespace;
        Service = service;
        Disabled = disabled;
    }

    public string Namespace { get; }

    public string Service { get; }

    public bool Disabled { get; }

    public void AddMetric(string name, double value, MetricUnit unit = MetricUnit.Count, MetricResolution resolution = MetricResolution.Standard)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxMetricNameLength)
        {
            throw new ArgumentException($"A metric name must be 1 to {MaxMetricNameLength} characters; got '{name}'.", nameof(name));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Metric '{name}' got {value}; EMF values must be finite numbers.", nameof(value));
        }

        lock (_gate)
        {
            if (IsDimensionOrMetadata(name))
            {
                throw new ArgumentException($"'{name}' is already a dimension or metadata key of this document.", nameof(name));
            }

            var index = _metrics.FindIndex(m => m.Name == name);
            if (index >= 0 && _metrics[index].Unit != unit)
            {
                throw new ArgumentException(
                    $"Metric '{name}' was recorded in {UnitName(_metrics[index].Unit)}; it cannot also be recorded in {UnitName(unit)}.",
                    nameof(unit));
            }

            if (index < 0 && _metrics.Count == MaxMetricsPerDocument)
            {
                FlushLocked();
            }

            if (index < 0 || _metrics[index].Values.Count == MaxValuesPerMetric)
            {
                if (index >= 0)
                {
                    FlushLocked();
                }

                _metrics.Add((name, unit, resolution, [value]));
            }
            else
            {
                _metrics[index].Values.Add(value);
            }
        }
    }

    public void AddDimension(string name, string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxDimensionValueLength)
        {
            throw new ArgumentException(
                $"Dimension '{name}' needs a value of 1 to {MaxDimensionValueLength} characters.", nameof(value));
        }

        lock (_gate)
        {
            ValidateKey(name, nameof(name), _metadata);
            var index = _dimensions.FindIndex(d => d.Key == name);
            if (index >= 0)
            {
                _dimensions[index] = new(name, value);
                return;
            }

            // The Service dimension is always present, so 29 are left for the handler.
            if (_dimensions.Count + 1 >= MaxDimensions)
            {
                throw new ArgumentException($"EMF allows at most {MaxDimensions} dimensions in a set.", nameof(name));
            }

            _dimensions.Add(new(name, value));
        }
    }

    public void AddMetadata(string key, string value)
    {
        lock (_gate)
        {
            ValidateKey(key, nameof(key), _dimensions);
            _metadata.RemoveAll(m => m.Key == key);
            _metadata.Add(new(key, value));
        }
    }

    public void PushMetrics(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(metrics);
        ValidatePushed(dimensions, metrics);
        if (Disabled || metrics.Count == 0)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        lock (_gate)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                string[] dimensionSet = [ServiceDimension, .. dimensions.Select(d => d.Key)];
                WriteDirective(json, [dimensionSet], metrics.Select(m => (m.Name, m.Unit, m.Resolution)));
                json.WriteString(ServiceDimension, Service);
                foreach (var (key, value) in dimensions)
                {
                    json.WriteString(key, value);
                }

                foreach (var metric in metrics)
                {
                    json.WriteNumber(metric.Name, metric.Value);
                }

                if (_requestId is not null && !dimensions.Any(d => d.Key == "requestId"))
                {
                    json.WriteString("requestId"u8, _requestId);
                }

                if (!string.IsNullOrEmpty(_traceId) && !dimensions.Any(d => d.Key == "traceId"))
                {
                    json.WriteString("traceId"u8, _traceId);
                }

                json.WriteEndObject();
            }

            _sink.WriteLine(buffer.WrittenSpan);
        }
    }

    /// <summary>The rules of <see cref="AddMetric"/> and <see cref="AddDimension"/>, for one pushed document.</summary>
    internal static void ValidatePushed(IReadOnlyList<KeyValuePair<string, string>> dimensions, IReadOnlyList<MetricValue> metrics)
    {
        if (dimensions.Count + 1 > MaxDimensions || metrics.Count > MaxMetricsPerDocument)
        {
            throw new ArgumentException($"A document holds at most {MaxDimensions - 1} dimensions besides Service and {MaxMetricsPerDocument} metrics.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal) { ServiceDimension, "_aws" };
        foreach (var (name, value) in dimensions)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > MaxMetricNameLength || string.IsNullOrEmpty(value) || value.Length > MaxDimensionValueLength)
            {
                throw new ArgumentException($"Dimension '{name}' needs a name of 1 to {MaxMetricNameLength} and a value of 1 to {MaxDimensionValueLength} characters.", nameof(dimensions));
            }

            if (!keys.Add(name))
            {
                throw new ArgumentException($"'{name}' is reserved or appears twice in the document.", nameof(dimensions));
            }
        }

        foreach (var metric in metrics)
        {
            if (string.IsNullOrWhiteSpace(metric.Name) || metric.Name.Length > MaxMetricNameLength || !double.IsFinite(metric.Value))
            {
                throw new ArgumentException($"Metric '{metric.Name}' needs a name of 1 to {MaxMetricNameLength} characters and a finite value (got {metric.Value}).", nameof(metrics));
            }

            if (!keys.Add(metric.Name))
            {
                throw new ArgumentException($"'{metric.Name}' is reserved or appears twice in the document.", nameof(metrics));
            }
        }
    }

    /// <summary>Starts an invocation's set: every document written until <see cref="Flush"/> carries its ids.</summary>
    public void Begin(string requestId, string? traceId)
    {
        lock (_gate)
        {
            _requestId = requestId;
            _traceId = traceId;
        }
    }

    /// <summary>Writes what the invocation recorded, if anything, and clears its dimensions and metadata.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushLocked();
            _dimensions.Clear();
            _metadata.Clear();
            _requestId = null;
            _traceId = null;
        }
    }

    /// <summary>Writes the <c>ColdStart</c> document: one count with the <c>FunctionName</c> and <c>Service</c> dimensions.</summary>
    public void WriteColdStart(string functionName, string? requestId)
    {
        // CloudWatch rejects empty dimension values; only local runs lack a function name.
        if (Disabled || string.IsNullOrEmpty(functionName))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteDirective(json, [["FunctionName", ServiceDimension]], [("ColdStart", MetricUnit.Count, MetricResolution.Standard)]);
            json.WriteString("FunctionName"u8, functionName);
            json.WriteString(ServiceDimension, Service);
            json.WriteNumber("ColdStart"u8, 1);
            if (requestId is not null)
            {
                json.WriteString("requestId"u8, requestId);
            }

            json.WriteEndObject();
        }

        _sink.WriteLine(buffer.WrittenSpan);
    }

    /// <summary>The unit's name as EMF spells it.</summary>
    public static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.CountPerSecond => "Count/Second",
        MetricUnit.BytesPerSecond => "Bytes/Second",
        MetricUnit.KilobytesPerSecond => "Kilobytes/Second",
        MetricUnit.MegabytesPerSecond => "Megabytes/Second",
        MetricUnit.GigabytesPerSecond => "Gigabytes/Second",
        MetricUnit.TerabytesPerSecond => "Terabytes/Second",
        MetricUnit.BitsPerSecond => "Bits/Second",
        MetricUnit.KilobitsPerSecond => "Kilobits/Second",
        MetricUnit.MegabitsPerSecond => "Megabits/Second",
        MetricUnit.GigabitsPerSecond => "Gigabits/Second",
        MetricUnit.TerabitsPerSecond => "Terabits/Second",
        _ => unit.ToString(),
    };

    private void FlushLocked()
    {
        if (_metrics.Count == 0)
        {
            return;
        }

        if (!Disabled)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                string[] dimensionSet = [ServiceDimension, .. _dimensions.Select(d => d.Key)];
                WriteDirective(json, [dimensionSet], _metrics.Select(m => (m.Name, m.Unit, m.Resolution)));
                json.WriteString(ServiceDimension, Service);
                foreach (var (key, value) in _dimensions)
                {
                    json.WriteString(key, value);
                }

                foreach (var (name, _, _, values) in _metrics)
                {
                    if (values.Count == 1)
                    {
                        json.WriteNumber(name, values[0]);
                    }
                    else
                    {
                        json.WriteStartArray(name);
                        foreach (var value in values)
                        {
                            json.WriteNumberValue(value);
                        }

                        json.WriteEndArray();
                    }
                }

                foreach (var (key, value) in _metadata)
                {
                    json.WriteString(key, value);
                }

                if (_requestId is not null && !IsDimensionOrMetadata("requestId"))
                {
                    json.WriteString("requestId"u8, _requestId);
                }

                if (!string.IsNullOrEmpty(_traceId) && !IsDimensionOrMetadata("traceId"))
                {
                    json.WriteString("traceId"u8, _traceId);
                }

                json.WriteEndObject();
            }

            _sink.WriteLine(buffer.WrittenSpan);
        }

        _metrics.Clear();
    }

    private void WriteDirective(
        Utf8JsonWriter json,
        IEnumerable<string[]> dimensionSets,
        IEnumerable<(string Name, MetricUnit Unit, MetricResolution Resolution)> metrics)
    {
        json.WriteStartObject("_aws"u8);
        json.WriteNumber("Timestamp"u8, _time.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteStartArray("CloudWatchMetrics"u8);
        json.WriteStartObject();
        json.WriteString("Namespace"u8, Namespace);
        json.WriteStartArray("Dimensions"u8);
        foreach (var set in dimensionSets)
        {
            json.WriteStartArray();
            foreach (var dimension in set)
            {
                json.WriteStringValue(dimension);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("Metrics"u8);
        foreach (var (name, unit, resolution) in metrics)
        {
            json.WriteStartObject();
            json.WriteString("Name"u8, name);
            json.WriteString("Unit"u8, UnitName(unit));
            if (resolution == MetricResolution.High)
            {
                json.WriteNumber("StorageResolution"u8, 1);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private bool IsDimensionOrMetadata(string key) =>
        key == ServiceDimension || _dimensions.Exists(d => d.Key == key) || _metadata.Exists(m => m.Key == key);

    /// <summary>Checks a dimension or metadata key: EMF reads both from the document's top level, as it reads metrics.</summary>
    private void ValidateKey(string key, string parameterName, List<KeyValuePair<string, string>> otherKind)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxMetricNameLength)
        {
            throw new ArgumentException($"A key must be 1 to {MaxMetricNameLength} characters; got '{key}'.", parameterName);
        }

        if (key is "_aws" or ServiceDimension)
        {
            throw new ArgumentException($"'{key}' is reserved in an EMF document.", parameterName);
        }

        if (_metrics.Exists(m => m.Name == key) || otherKind.Exists(k => k.Key == key))
        {
            throw new ArgumentException($"'{key}' is already a metric, dimension or metadata key of this document.", parameterName);
        }
    }
}
