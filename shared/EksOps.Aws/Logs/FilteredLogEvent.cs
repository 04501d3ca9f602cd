using System.Text.Json.Serialization;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.Logs;

/// <summary>One log event <c>FilterLogEvents</c> matched.</summary>
public sealed record FilteredLogEvent
{
    /// <summary>The stream it came from.</summary>
    [JsonPropertyName("logStreamName")]
    public string? LogStreamName { get; init; }

    /// <summary>When it happened (the event's timestamp).</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>When CloudWatch Logs received it.</summary>
    [JsonPropertyName("ingestionTime")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset IngestionTime { get; init; }

    /// <summary>The event id.</summary>
    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }
}
