namespace EksOps.IncidentStore;

/// <summary>Argument checks every store makes alike, so that both give the same errors.</summary>
internal static class IncidentStoreArguments
{
    /// <summary>The longest incident id (an execution name has at most 80 characters; room is left for other ids).</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest correlation key, in characters (a DynamoDB partition key holds at most 2,048 bytes).</summary>
    public const int MaxCorrelationKeyLength = 1_024;

    public static void ValidateCandidate(IncidentRecord candidate, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentException.ThrowIfNullOrEmpty(candidate.Id, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.CorrelationKey, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(candidate.AlarmArn, nameof(candidate));
        if (candidate.Id.Length > MaxIdLength)
        {
            throw new ArgumentException($"An incident id has at most {MaxIdLength} characters; this one has {candidate.Id.Length}.", nameof(candidate));
        }

        if (candidate.CorrelationKey.Length > MaxCorrelationKeyLength)
        {
            throw new ArgumentException($"A correlation key has at most {MaxCorrelationKeyLength} characters; this one has {candidate.CorrelationKey.Length}.", nameof(candidate));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
    }
}
