using System.Text.Json.Serialization;

namespace EksOps.Aws.Logs;

/// <summary>How much a query scanned and matched.</summary>
public sealed record QueryStatistics
{
    /// <summary>Log events that matched.</summary>
    [JsonPropertyName("recordsMatched")]
    public double RecordsMatched { get; init; }

    /// <summary>Log events scanned.</summary>
    [JsonPropertyName("recordsScanned")]
    public double RecordsScanned { get; init; }

    /// <summary>Bytes scanned.</summary>
    [JsonPropertyName("bytesScanned")]
    public double BytesScanned { get; init; }

    /// <summary>Log events the service estimates it skipped.</summary>
    [JsonPropertyName("estimatedRecordsSkipped")]
    public double? EstimatedRecordsSkipped { get; init; }

    /// <summary>Bytes the service estimates it skipped.</summary>
    [JsonPropertyName("estimatedBytesSkipped")]
    public double? EstimatedBytesSkipped { get; init; }

    /// <summary>Log groups scanned.</summary>
    [JsonPropertyName("logGroupsScanned")]
    public double? LogGroupsScanned { get; init; }
}
