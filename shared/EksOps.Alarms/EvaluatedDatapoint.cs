namespace EksOps.Alarms;

/// <summary>One entry of <c>reasonData.evaluatedDatapoints</c>.</summary>
public sealed record EvaluatedDatapoint
{
    /// <summary>The start of the datapoint's period (<c>timestamp</c>), in UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>How many samples the datapoint aggregates (<c>sampleCount</c>), if given.</summary>
    public double? SampleCount { get; init; }

    /// <summary>The datapoint value (<c>value</c>); <see langword="null"/> when the period had no data.</summary>
    public double? Value { get; init; }
}
