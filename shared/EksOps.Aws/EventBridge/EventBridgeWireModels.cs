using System.Text.Json.Serialization;

namespace EksOps.Aws.EventBridge;

// Wire shapes of the events 2015-10-07 model (AWS JSON 1.1). Member names are the model's (PascalCase); Time is epoch
// seconds (the context's default converter), as botocore's JSON serializer sends it.

internal sealed class PutEventsInput
{
    [JsonPropertyName("Entries")]
    public List<PutEventsRequestEntry> Entries { get; init; } = [];
}

internal sealed class PutEventsRequestEntry
{
    [JsonPropertyName("Time")]
    public DateTimeOffset? Time { get; init; }

    [JsonPropertyName("Source")]
    public string? Source { get; init; }

    [JsonPropertyName("Resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    [JsonPropertyName("DetailType")]
    public string? DetailType { get; init; }

    [JsonPropertyName("Detail")]
    public string? Detail { get; init; }

    [JsonPropertyName("EventBusName")]
    public string? EventBusName { get; init; }

    [JsonPropertyName("TraceHeader")]
    public string? TraceHeader { get; init; }
}

internal sealed class PutEventsOutput
{
    [JsonPropertyName("FailedEntryCount")]
    public int? FailedEntryCount { get; init; }

    [JsonPropertyName("Entries")]
    public List<PutEventsResultEntry>? Entries { get; init; }
}

internal sealed class PutEventsResultEntry
{
    [JsonPropertyName("EventId")]
    public string? EventId { get; init; }

    [JsonPropertyName("ErrorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("ErrorMessage")]
    public string? ErrorMessage { get; init; }
}
