using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.Logs;

/// <summary>
/// Amazon CloudWatch Logs (<c>logs</c>, AWS JSON 1.1): Logs Insights queries (start, poll, stop) and <c>FilterLogEvents</c>.
/// </summary>
/// <remarks>IAM: <c>logs:StartQuery</c>, <c>logs:GetQueryResults</c>, <c>logs:StopQuery</c>, <c>logs:FilterLogEvents</c>.</remarks>
public sealed class CloudWatchLogsClient
{
    private const int MaxResultPages = 10;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly AwsJsonClient _json;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public CloudWatchLogsClient(AwsHttpPipeline pipeline) => _json = new AwsJsonClient(pipeline, AwsJsonService.CloudWatchLogs);

    /// <summary>Starts a Logs Insights query.</summary>
    /// <param name="request">The query, log groups and time range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The query id.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error (e.g. <c>MalformedQueryException</c>).</exception>
    public async Task<string> StartQueryAsync(StartQueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new StartQueryInput
        {
            QueryString = request.QueryString,
            QueryLanguage = request.QueryLanguage,
            LogGroupNames = request.LogGroupNames.Count == 0 ? null : request.LogGroupNames,
            LogGroupIdentifiers = request.LogGroupIdentifiers.Count == 0 ? null : request.LogGroupIdentifiers,
            StartTime = request.StartTime.ToUnixTimeSeconds(),
            EndTime = CeilingSeconds(request.EndTime),
            Limit = request.Limit,
        };
        var output = await _json.InvokeAsync("StartQuery", input, AwsJsonContext.Default.StartQueryInput, AwsJsonContext.Default.StartQueryOutput, cancellationToken)
            .ConfigureAwait(false);
        return string.IsNullOrEmpty(output.QueryId)
            ? throw new System.Text.Json.JsonException("logs StartQuery: the response has no queryId.")
            : output.QueryId;
    }

    /// <summary>Reads a query's status and results once (following <c>nextToken</c> once the query is finished).</summary>
    /// <param name="queryId">The query id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status and the rows so far.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error.</exception>
    public async Task<QueryResults> GetQueryResultsAsync(string queryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queryId);
        var input = new QueryIdInput { QueryId = queryId };
        var rows = new List<QueryResultRow>();
        GetQueryResultsOutput page;
        QueryStatistics? statistics = null;
        var pager = new Pager(MaxResultPages);
        QueryStatus status;
        do
        {
            input.NextToken = pager.Token;
            page = await _json.InvokeAsync("GetQueryResults", input, AwsJsonContext.Default.QueryIdInput, AwsJsonContext.Default.GetQueryResultsOutput, cancellationToken)
                .ConfigureAwait(false);
            rows.AddRange((page.Results ?? []).Select(fields => new QueryResultRow(fields)));
            statistics = page.Statistics ?? statistics;
            status = ParseStatus(page.Status);
            pager.Advance(IsFinished(status) ? page.NextToken : null);
        }
        while (pager.HasMore);

        return new QueryResults { QueryId = queryId, Status = status, StatusText = page.Status, Rows = rows, Statistics = statistics };
    }

    /// <summary>Asks the service to stop a running query.</summary>
    /// <param name="queryId">The query id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the service reported success.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error (e.g. the query already finished).</exception>
    public async Task<bool> StopQueryAsync(string queryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queryId);
        var output = await _json.InvokeAsync("StopQuery", new QueryIdInput { QueryId = queryId }, AwsJsonContext.Default.QueryIdInput, AwsJsonContext.Default.StopQueryOutput, cancellationToken)
            .ConfigureAwait(false);
        return output.Success ?? false;
    }

    /// <summary>
    /// Polls a query, waiting longer between polls each time, until it is complete, failed, cancelled or timed out, or
    /// until <see cref="QueryWaitOptions.Timeout"/> passes: then it stops the query (best effort) and returns the rows
    /// it has with <see cref="QueryResults.DeadlineReached"/> set. If the caller cancels, it also stops the query.
    /// </summary>
    /// <param name="queryId">The query id.</param>
    /// <param name="options">Deadline and poll intervals; null for defaults.</param>
    /// <param name="cancellationToken">Cancels waiting (the query is stopped, then <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>The final (or, at the deadline, partial) results.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error.</exception>
    public async Task<QueryResults> WaitForQueryAsync(string queryId, QueryWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queryId);
        options ??= new QueryWaitOptions();
        var clock = _json.Pipeline.TimeProvider;
        var deadline = clock.GetUtcNow() + options.Timeout;
        var interval = options.InitialInterval;
        try
        {
            while (true)
            {
                var results = await GetQueryResultsAsync(queryId, cancellationToken).ConfigureAwait(false);
                if (results.IsFinished)
                {
                    return results;
                }

                var remaining = deadline - clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    if (options.StopOnDeadline)
                    {
                        await TryStopAsync(queryId).ConfigureAwait(false);
                    }

                    return results with { DeadlineReached = true };
                }

                await Task.Delay(interval < remaining ? interval : remaining, clock, cancellationToken).ConfigureAwait(false);
                var next = TimeSpan.FromTicks((long)(interval.Ticks * 1.5));
                interval = next < options.MaxInterval ? next : options.MaxInterval;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && options.StopOnDeadline)
        {
            await TryStopAsync(queryId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a query and waits for it (see <see cref="WaitForQueryAsync"/>).</summary>
    /// <param name="request">The query.</param>
    /// <param name="options">Deadline and poll intervals; null for defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error.</exception>
    public async Task<QueryResults> RunQueryAsync(StartQueryRequest request, QueryWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var queryId = await StartQueryAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitForQueryAsync(queryId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists matching log events, following <c>nextToken</c> within the request's limits.</summary>
    /// <param name="request">The log group, streams, time range, pattern and limits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events, oldest first per the service's order.</returns>
    /// <exception cref="AwsServiceException">CloudWatch Logs answered with an error (e.g. <c>ResourceNotFoundException</c>).</exception>
    public async Task<FilterLogEventsResult> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxEvents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxPages, 1);
        var input = new FilterLogEventsInput
        {
            LogGroupName = request.LogGroupName,
            LogGroupIdentifier = request.LogGroupIdentifier,
            LogStreamNames = request.LogStreamNames.Count == 0 ? null : request.LogStreamNames,
            LogStreamNamePrefix = request.LogStreamNamePrefix,
            StartTime = request.StartTime?.ToUnixTimeMilliseconds(),
            EndTime = request.EndTime?.ToUnixTimeMilliseconds(),
            FilterPattern = request.FilterPattern,
            Unmask = request.Unmask,
        };

        var events = new List<FilteredLogEvent>();
        var pager = new Pager(request.MaxPages);
        var cutShort = false;
        do
        {
            input.NextToken = pager.Token;
            var remaining = request.MaxEvents - events.Count;
            input.Limit = request.PageSize is { } size && size < remaining ? size : Math.Min(remaining, 10_000);
            var page = await _json.InvokeAsync("FilterLogEvents", input, AwsJsonContext.Default.FilterLogEventsInput, AwsJsonContext.Default.FilterLogEventsOutput, cancellationToken)
                .ConfigureAwait(false);
            var received = page.Events ?? [];
            events.AddRange(received.Take(remaining));
            cutShort = received.Count > remaining;
            pager.Advance(page.NextToken);
        }
        while (pager.HasMore && events.Count < request.MaxEvents);

        return new FilterLogEventsResult
        {
            Events = events,
            Pages = pager.Pages,
            Truncated = cutShort || pager.Truncated || (pager.HasMore && events.Count >= request.MaxEvents),
        };
    }

    private async Task TryStopAsync(string queryId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await StopQueryAsync(queryId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the query may have finished meanwhile, and the service ends it after 60 minutes anyway.
        }
    }

    private static long CeilingSeconds(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        return ms % 1000 == 0 ? ms / 1000 : (ms / 1000) + 1;
    }

    private static bool IsFinished(QueryStatus status) =>
        status is QueryStatus.Complete or QueryStatus.Failed or QueryStatus.Cancelled or QueryStatus.Timeout;

    internal static QueryStatus ParseStatus(string? status) => status switch
    {
        "Scheduled" => QueryStatus.Scheduled,
        "Running" => QueryStatus.Running,
        "Complete" => QueryStatus.Complete,
        "Failed" => QueryStatus.Failed,
        "Cancelled" => QueryStatus.Cancelled,
        "Timeout" => QueryStatus.Timeout,
        _ => QueryStatus.Unknown,
    };
}
