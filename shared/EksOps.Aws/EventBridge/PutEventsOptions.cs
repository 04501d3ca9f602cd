namespace EksOps.Aws.EventBridge;

/// <summary>How <see cref="EventBridgeClient.PutEventsAsync"/> batches entries and retries the ones that fail.</summary>
public sealed class PutEventsOptions
{
    /// <summary>The most entries in one call: 10, the model's limit (<c>PutEventsRequestEntryList</c>).</summary>
    public const int MaxEntriesPerRequest = 10;

    /// <summary>The most bytes (<see cref="EventEntry.Size"/>) in one call. Default 262,144 (256 KB).</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>How often an entry is sent at most, the first time included, while it fails with a retryable code. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The backoff cap before the first retry of failed entries (full jitter, doubling). Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest backoff cap. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The entry error codes worth another attempt. Default <c>ThrottlingException</c> and <c>InternalFailure</c>, the
    /// transient ones; others (<c>AccessDeniedException</c>, <c>MalformedDetail</c>, <c>InvalidArgument</c>, …) fail
    /// the entry at once.
    /// </summary>
    public ISet<string> RetryableErrorCodes { get; } = new HashSet<string>(StringComparer.Ordinal) { "ThrottlingException", "InternalFailure" };
}
