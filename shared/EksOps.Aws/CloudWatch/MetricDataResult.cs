namespace EksOps.Aws.CloudWatch;

/// <summary>The datapoints of one query, all pages merged.</summary>
public sealed record MetricDataResult
{
    // Deserialization sets every init member, absent ones to null: the accessors keep collections and names non-null.
    private string _id = string.Empty;
    private IReadOnlyList<DateTimeOffset> _timestamps = [];
    private IReadOnlyList<double> _values = [];
    private IReadOnlyList<MetricDataMessage> _messages = [];

    /// <summary>The query id.</summary>
    public string Id { get => _id; init => _id = value ?? string.Empty; }

    /// <summary>The label (the query's, or one CloudWatch made).</summary>
    public string? Label { get; init; }

    /// <summary>The timestamps, parallel to <see cref="Values"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Timestamps { get => _timestamps; init => _timestamps = value ?? []; }

    /// <summary>The values, parallel to <see cref="Timestamps"/>.</summary>
    public IReadOnlyList<double> Values { get => _values; init => _values = value ?? []; }

    /// <summary><c>Complete</c>, <c>PartialData</c>, <c>InternalError</c> or <c>Forbidden</c>; after paging, the last page's.</summary>
    public string? StatusCode { get; init; }

    /// <summary>Messages about this result.</summary>
    public IReadOnlyList<MetricDataMessage> Messages { get => _messages; init => _messages = value ?? []; }
}
