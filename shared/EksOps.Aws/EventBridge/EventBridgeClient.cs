using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.EventBridge;

/// <summary>
/// Amazon EventBridge (<c>events</c>, 2015-10-07, AWS JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>):
/// <c>PutEvents</c> with batching and retry of only the entries that failed.
/// </summary>
/// <remarks>IAM: <c>events:PutEvents</c> on the target buses.</remarks>
public sealed class EventBridgeClient
{
    /// <summary>The error code given to an entry the response had no result for.</summary>
    public const string MissingEntryResult = "MissingEntryResult";

    /// <summary>Amazon EventBridge over AWS JSON 1.1 (botocore: <c>endpointPrefix events</c>, <c>targetPrefix AWSEvents</c>).</summary>
    internal static readonly AwsJsonService Service = new("events", "events", "AWSEvents", AwsJsonVersion.Json11);

    private readonly AwsJsonClient _json;
    private readonly PutEventsOptions _options;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="options">Batching and retry settings; null for the defaults.</param>
    public EventBridgeClient(AwsHttpPipeline pipeline, PutEventsOptions? options = null)
    {
        _json = new AwsJsonClient(pipeline, Service);
        _options = options ?? new PutEventsOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, $"{nameof(options)}.{nameof(PutEventsOptions.MaxAttempts)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRequestBytes, 1, $"{nameof(options)}.{nameof(PutEventsOptions.MaxRequestBytes)}");
    }

    /// <summary>
    /// Puts events, as few calls as the limits allow, and retries the entries that fail with a transient code.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    ///   <item><description><b>Batching.</b> Entries go out in order, at most 10 per call and at most
    ///   <see cref="PutEventsOptions.MaxRequestBytes"/> of <see cref="EventEntry.Size"/> per call.</description></item>
    ///   <item><description><b>Too large.</b> An entry larger than that limit on its own is rejected before anything is
    ///   sent (<see cref="ArgumentException"/> naming its index and size): EventBridge would reject it anyway. AWS advises
    ///   putting such a payload in S3 and sending its URL.</description></item>
    ///   <item><description><b>Partial failure.</b> <c>PutEvents</c> answers 200 with an <c>ErrorCode</c> on each entry
    ///   that failed. Entries whose code is in <see cref="PutEventsOptions.RetryableErrorCodes"/> are sent again, and
    ///   only they, after a full-jitter backoff, up to <see cref="PutEventsOptions.MaxAttempts"/> sends per entry; others
    ///   fail at once.</description></item>
    ///   <item><description><b>Whole-call errors.</b> The pipeline first retries throttling and 5xx as usual. If the call
    ///   still fails with a service error, its entries fail with that error's code and are not retried again; other
    ///   batches still go out.</description></item>
    ///   <item><description><b>Exceptions.</b> Besides invalid arguments, only failures that leave the outcome unknown
    ///   throw: cancellation, timeouts and network errors (the batch may or may not have been put; EventBridge does not
    ///   deduplicate). Batches sent before are not reported then.</description></item>
    /// </list>
    /// </remarks>
    /// <param name="entries">The events.</param>
    /// <param name="cancellationToken">Cancels the call, including backoff waits.</param>
    /// <returns>One result per entry, in order.</returns>
    /// <exception cref="ArgumentException">An entry is null or larger than <see cref="PutEventsOptions.MaxRequestBytes"/>.</exception>
    /// <exception cref="TimeoutException">A call timed out on every attempt.</exception>
    /// <exception cref="HttpRequestException">A call failed in the network.</exception>
    public async Task<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sizes = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Entry {i} is null.", nameof(entries));
            sizes[i] = entry.Size;
            if (sizes[i] > _options.MaxRequestBytes)
            {
                throw new ArgumentException(
                    $"Entry {i} ({entry.Source} / {entry.DetailType}) is {sizes[i]} bytes by EventBridge's entry-size rule; one PutEvents call takes at most {_options.MaxRequestBytes}. Nothing was sent. Put large payloads in S3 and send their location.",
                    nameof(entries));
            }
        }

        var results = new PutEventsEntryResult[entries.Count];
        var attempts = new int[entries.Count];
        var pending = Enumerable.Range(0, entries.Count).ToList();
        var requests = 0;
        var retryTiming = new AwsRetryOptions { BaseDelay = _options.BaseDelay, MaxBackoff = _options.MaxBackoff };
        for (var round = 1; pending.Count > 0; round++)
        {
            if (round > 1)
            {
                var delay = AwsHttpPipeline.Backoff(retryTiming, round - 1, retryAfter: null, Random.Shared.NextDouble());
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _json.Pipeline.TimeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            var retry = new List<int>();
            foreach (var batch in Batches(pending, sizes, _options.MaxRequestBytes))
            {
                requests++;
                foreach (var i in batch)
                {
                    attempts[i]++;
                }

                PutEventsOutput output;
                try
                {
                    output = await _json.InvokeAsync(
                        "PutEvents",
                        new PutEventsInput { Entries = [.. batch.Select(i => ToWire(entries[i]))] },
                        AwsJsonContext.Default.PutEventsInput,
                        AwsJsonContext.Default.PutEventsOutput,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException ex)
                {
                    foreach (var i in batch)
                    {
                        results[i] = Failed(i, entries[i], attempts[i], ex.ErrorCode, ex.ErrorMessage);
                    }

                    continue;
                }

                var answers = output.Entries ?? [];
                for (var k = 0; k < batch.Count; k++)
                {
                    var i = batch[k];
                    var answer = k < answers.Count ? answers[k] : null;
                    if (answer is null || (string.IsNullOrEmpty(answer.ErrorCode) && string.IsNullOrEmpty(answer.EventId)))
                    {
                        results[i] = Failed(i, entries[i], attempts[i], MissingEntryResult, "The PutEvents response had no result for this entry.");
                    }
                    else if (!string.IsNullOrEmpty(answer.ErrorCode))
                    {
                        results[i] = Failed(i, entries[i], attempts[i], answer.ErrorCode, answer.ErrorMessage);
                        if (_options.RetryableErrorCodes.Contains(answer.ErrorCode) && attempts[i] < _options.MaxAttempts)
                        {
                            retry.Add(i);
                        }
                    }
                    else
                    {
                        results[i] = new PutEventsEntryResult { Index = i, Entry = entries[i], EventId = answer.EventId, Attempts = attempts[i] };
                    }
                }
            }

            pending = retry;
        }

        return new PutEventsResult { Entries = results, Requests = requests };
    }

    /// <summary>Splits entry indexes, in order, into calls of at most 10 entries and <paramref name="maxBytes"/> bytes.</summary>
    internal static IEnumerable<List<int>> Batches(IReadOnlyList<int> indexes, IReadOnlyList<int> sizes, int maxBytes)
    {
        var batch = new List<int>();
        var bytes = 0;
        foreach (var i in indexes)
        {
            if (batch.Count > 0 && (batch.Count == PutEventsOptions.MaxEntriesPerRequest || bytes + sizes[i] > maxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(i);
            bytes += sizes[i];
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static PutEventsRequestEntry ToWire(EventEntry entry) => new()
    {
        Time = entry.Time,
        Source = entry.Source,
        Resources = entry.Resources is { Count: > 0 } resources ? resources : null,
        DetailType = entry.DetailType,
        Detail = entry.Detail,
        EventBusName = entry.EventBusName,
        TraceHeader = entry.TraceHeader,
    };

    private static PutEventsEntryResult Failed(int index, EventEntry entry, int attempts, string code, string? message) =>
        new() { Index = index, Entry = entry, ErrorCode = code, ErrorMessage = message, Attempts = attempts };
}
