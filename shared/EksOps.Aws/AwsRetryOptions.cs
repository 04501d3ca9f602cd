namespace EksOps.Aws;

/// <summary>
/// Retry limits: exponential backoff with full jitter (a random delay between 1 ms and
/// <c>min(MaxBackoff, BaseDelay × 2^(retry − 1))</c>), raised to the server's <c>Retry-After</c> when it sends one.
/// </summary>
public sealed class AwsRetryOptions
{
    /// <summary>Attempts per call, the first included. 1 disables retries. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The backoff cap of the first retry. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest backoff cap. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest <c>Retry-After</c> honoured. A server that asks for a longer wait gets no retry: the call fails at
    /// once with <see cref="AwsServiceException.RetryAfter"/> set, so the caller can decide. Default 20 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);
}
