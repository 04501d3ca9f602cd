namespace EksOps.Lambda.Testing;

/// <summary>One <see cref="IMetrics.PushMetrics"/> call: a document of its own.</summary>
/// <param name="Dimensions">Its dimensions (besides Service).</param>
/// <param name="Metrics">Its values.</param>
public sealed record PushedMetrics(IReadOnlyList<KeyValuePair<string, string>> Dimensions, IReadOnlyList<MetricValue> Metrics);
