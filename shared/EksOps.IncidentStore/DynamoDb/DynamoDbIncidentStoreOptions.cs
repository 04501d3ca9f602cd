namespace EksOps.IncidentStore.DynamoDb;

/// <summary>Where and how long <see cref="DynamoDbIncidentStore"/> keeps incidents.</summary>
public sealed record DynamoDbIncidentStoreOptions
{
    /// <summary>The default retention: 90 days, as long as Step Functions remembers execution names.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(90);

    /// <summary>The table (key schema in the README: string <c>pk</c> and <c>sk</c>, TTL on <c>ttl</c>).</summary>
    public required string TableName { get; init; }

    /// <summary>How long an item is kept after it is written (its <c>ttl</c>); default <see cref="DefaultRetention"/>.</summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;

    /// <summary>The limit of a timeline entry's data and a claim's result (see <see cref="TimelineData.Bound"/>).</summary>
    public int MaxDataBytes { get; init; } = TimelineData.DefaultMaxDataBytes;

    /// <summary>
    /// How often <see cref="DynamoDbIncidentStore.OpenOrJoinAsync"/> tries its transaction when DynamoDB cancels it for a
    /// conflicting concurrent write (<c>TransactionConflict</c>) before giving up with <see cref="Aws.AwsThrottlingException"/>.
    /// Default 6.
    /// </summary>
    public int MaxTransactionAttempts { get; init; } = 6;
}
