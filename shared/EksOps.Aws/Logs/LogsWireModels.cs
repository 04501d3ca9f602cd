using System.Text.Json.Serialization;

namespace EksOps.Aws.Logs;

// Wire shapes of the logs 2014-03-28 model (AWS JSON 1.1). Member names are the model's (camelCase). Times here are
// raw numbers: StartQuery takes epoch seconds, FilterLogEvents epoch milliseconds.

internal sealed class StartQueryInput
{
    [JsonPropertyName("queryLanguage")]
    public string? QueryLanguage { get; init; }

    [JsonPropertyName("logGroupNames")]
    public IReadOnlyList<string>? LogGroupNames { get; init; }

    [JsonPropertyName("logGroupIdentifiers")]
    public IReadOnlyList<string>? LogGroupIdentifiers { get; init; }

    [JsonPropertyName("startTime")]
    public long StartTime { get; init; }

    [JsonPropertyName("endTime")]
    public long EndTime { get; init; }

    [JsonPropertyName("queryString")]
    public string QueryString { get; init; } = string.Empty;

    [JsonPropertyName("limit")]
    public int? Limit { get; init; }
}

internal sealed class StartQueryOutput
{
    [JsonPropertyName("queryId")]
    public string? QueryId { get; init; }
}

internal sealed class QueryIdInput
{
    [JsonPropertyName("queryId")]
    public string QueryId { get; init; } = string.Empty;

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; set; }
}

internal sealed class GetQueryResultsOutput
{
    [JsonPropertyName("results")]
    public List<List<QueryResultField>>? Results { get; init; }

    [JsonPropertyName("statistics")]
    public QueryStatistics? Statistics { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}

internal sealed class StopQueryOutput
{
    [JsonPropertyName("success")]
    public bool? Success { get; init; }
}

internal sealed class FilterLogEventsInput
{
    [JsonPropertyName("logGroupName")]
    public string? LogGroupName { get; init; }

    [JsonPropertyName("logGroupIdentifier")]
    public string? LogGroupIdentifier { get; init; }

    [JsonPropertyName("logStreamNames")]
    public IReadOnlyList<string>? LogStreamNames { get; init; }

    [JsonPropertyName("logStreamNamePrefix")]
    public string? LogStreamNamePrefix { get; init; }

    [JsonPropertyName("startTime")]
    public long? StartTime { get; init; }

    [JsonPropertyName("endTime")]
    public long? EndTime { get; init; }

    [JsonPropertyName("filterPattern")]
    public string? FilterPattern { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; set; }

    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    [JsonPropertyName("unmask")]
    public bool? Unmask { get; init; }
}

internal sealed class FilterLogEventsOutput
{
    [JsonPropertyName("events")]
    public List<FilteredLogEvent>? Events { get; init; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; init; }
}
