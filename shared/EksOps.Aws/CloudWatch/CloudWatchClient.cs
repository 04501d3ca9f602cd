using System.Text.Json;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using EksOps.Aws.Serialization;

namespace EksOps.Aws.CloudWatch;

/// <summary>
/// Amazon CloudWatch (<c>monitoring</c>): metric data, alarms, alarm history and resource tags, with paging done here.
/// Spoken over AWS JSON 1.0 (see <see cref="AwsJsonService.CloudWatch"/> for why).
/// </summary>
/// <remarks>
/// IAM: <c>cloudwatch:GetMetricData</c>, <c>cloudwatch:DescribeAlarms</c>, <c>cloudwatch:DescribeAlarmHistory</c>,
/// <c>cloudwatch:ListTagsForResource</c> (on the resources whose tags are read, e.g. <c>arn:aws:cloudwatch:*:*:alarm:*</c>).
/// </remarks>
public sealed class CloudWatchClient
{
    /// <summary>The longest resource ARN <c>ListTagsForResource</c> accepts (the model's <c>AmazonResourceName</c>).</summary>
    public const int MaxResourceArnLength = 1_024;

    private readonly AwsJsonClient _json;

    /// <summary>Creates the client on a shared pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public CloudWatchClient(AwsHttpPipeline pipeline) => _json = new AwsJsonClient(pipeline, AwsJsonService.CloudWatch);

    /// <summary>
    /// Reads metric data, following <c>NextToken</c> until the service has no more or <see cref="GetMetricDataRequest.MaxPages"/>
    /// pages were read; the pages of each query id are concatenated.
    /// </summary>
    /// <param name="request">The queries and time range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Timestamps, values, status codes and messages per query id.</returns>
    /// <exception cref="AwsServiceException">CloudWatch answered with an error.</exception>
    public async Task<GetMetricDataResult> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxPages, 1);
        var input = new GetMetricDataInput
        {
            MetricDataQueries = request.MetricDataQueries,
            StartTime = request.StartTime,
            EndTime = request.EndTime,
            ScanBy = request.ScanBy?.ToString(),
            MaxDatapoints = request.MaxDatapoints,
        };

        var order = new List<string>();
        var merged = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        var messages = new List<MetricDataMessage>();
        var pager = new Pager(request.MaxPages);
        do
        {
            input.NextToken = pager.Token;
            var page = await _json.InvokeAsync("GetMetricData", input, AwsJsonContext.Default.GetMetricDataInput, AwsJsonContext.Default.GetMetricDataOutput, cancellationToken)
                .ConfigureAwait(false);
            foreach (var result in page.MetricDataResults ?? [])
            {
                if (!merged.TryGetValue(result.Id, out var accumulator))
                {
                    accumulator = new Accumulator(result.Id);
                    merged.Add(result.Id, accumulator);
                    order.Add(result.Id);
                }

                accumulator.Add(result);
            }

            messages.AddRange(page.Messages ?? []);
            pager.Advance(page.NextToken);
        }
        while (pager.HasMore);

        return new GetMetricDataResult
        {
            MetricDataResults = order.Select(id => merged[id].ToResult()).ToArray(),
            Messages = messages,
            Pages = pager.Pages,
            Truncated = pager.Truncated,
        };
    }

    /// <summary>Describes alarms by name, prefix, state or action, following <c>NextToken</c>.</summary>
    /// <param name="request">The filter; metric and composite alarms by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metric and composite alarms.</returns>
    /// <exception cref="AwsServiceException">CloudWatch answered with an error.</exception>
    public async Task<DescribeAlarmsResult> DescribeAlarmsAsync(DescribeAlarmsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxPages, 1);
        var input = new DescribeAlarmsInput
        {
            AlarmNames = request.AlarmNames.Count == 0 ? null : request.AlarmNames,
            AlarmNamePrefix = request.AlarmNamePrefix,
            AlarmTypes = request.AlarmTypes.Count == 0 ? null : request.AlarmTypes.Select(t => t.ToString()).ToArray(),
            StateValue = request.StateValue is { } state ? Wire(state) : null,
            ActionPrefix = request.ActionPrefix,
            ChildrenOfAlarmName = request.ChildrenOfAlarmName,
            ParentsOfAlarmName = request.ParentsOfAlarmName,
            MaxRecords = request.PageSize,
        };

        var metric = new List<MetricAlarm>();
        var composite = new List<CompositeAlarm>();
        var pager = new Pager(request.MaxPages);
        do
        {
            input.NextToken = pager.Token;
            var page = await _json.InvokeAsync("DescribeAlarms", input, AwsJsonContext.Default.DescribeAlarmsInput, AwsJsonContext.Default.DescribeAlarmsOutput, cancellationToken)
                .ConfigureAwait(false);
            metric.AddRange(page.MetricAlarms ?? []);
            composite.AddRange(page.CompositeAlarms ?? []);
            pager.Advance(page.NextToken);
        }
        while (pager.HasMore);

        return new DescribeAlarmsResult { MetricAlarms = metric, CompositeAlarms = composite, Pages = pager.Pages, Truncated = pager.Truncated };
    }

    /// <summary>Reads alarm history, following <c>NextToken</c>.</summary>
    /// <param name="request">The alarm, item type and time range.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The history items.</returns>
    /// <exception cref="AwsServiceException">CloudWatch answered with an error.</exception>
    public async Task<DescribeAlarmHistoryResult> DescribeAlarmHistoryAsync(DescribeAlarmHistoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxPages, 1);
        var input = new DescribeAlarmHistoryInput
        {
            AlarmName = request.AlarmName,
            AlarmTypes = request.AlarmTypes.Count == 0 ? null : request.AlarmTypes.Select(t => t.ToString()).ToArray(),
            HistoryItemType = request.HistoryItemType?.ToString(),
            StartDate = request.StartDate,
            EndDate = request.EndDate,
            MaxRecords = request.PageSize,
            ScanBy = request.ScanBy?.ToString(),
        };

        var items = new List<AlarmHistoryItem>();
        var pager = new Pager(request.MaxPages);
        do
        {
            input.NextToken = pager.Token;
            var page = await _json.InvokeAsync("DescribeAlarmHistory", input, AwsJsonContext.Default.DescribeAlarmHistoryInput, AwsJsonContext.Default.DescribeAlarmHistoryOutput, cancellationToken)
                .ConfigureAwait(false);
            items.AddRange(page.AlarmHistoryItems ?? []);
            pager.Advance(page.NextToken);
        }
        while (pager.HasMore);

        return new DescribeAlarmHistoryResult { AlarmHistoryItems = items, Pages = pager.Pages, Truncated = pager.Truncated };
    }

    /// <summary>
    /// Reads the tags of a CloudWatch resource: an alarm (metric or composite,
    /// <c>arn:aws:cloudwatch:&lt;region&gt;:&lt;account&gt;:alarm:&lt;name&gt;</c>), a dashboard, a metric stream or a
    /// Contributor Insights rule. One call; the operation does not page.
    /// </summary>
    /// <param name="resourceArn">The resource's ARN (1 to 1,024 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tags in the order the service lists them; empty when the resource has none.</returns>
    /// <exception cref="ArgumentException"><paramref name="resourceArn"/> is empty or longer than 1,024 characters.</exception>
    /// <exception cref="AwsThrottlingException">CloudWatch throttled every attempt.</exception>
    /// <exception cref="AwsServiceException">
    /// CloudWatch answered with another error: <c>ResourceNotFoundException</c> (no such resource), <c>AccessDenied</c>
    /// (the caller lacks <c>cloudwatch:ListTagsForResource</c> on it), <c>InvalidParameterValue</c> (not a taggable ARN).
    /// </exception>
    /// <exception cref="JsonException">The answer lists a tag without a key.</exception>
    public async Task<IReadOnlyList<ResourceTag>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceArn);
        if (resourceArn.Length > MaxResourceArnLength)
        {
            throw new ArgumentException($"A resource ARN has at most {MaxResourceArnLength} characters; this one has {resourceArn.Length}.", nameof(resourceArn));
        }

        var output = await _json.InvokeAsync(
                "ListTagsForResource",
                new ListTagsForResourceInput { ResourceARN = resourceArn },
                CloudWatchTaggingJsonContext.Default.ListTagsForResourceInput,
                CloudWatchTaggingJsonContext.Default.ListTagsForResourceOutput,
                cancellationToken)
            .ConfigureAwait(false);
        var tags = new List<ResourceTag>(output.Tags?.Count ?? 0);
        foreach (var tag in output.Tags ?? [])
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                throw new JsonException($"monitoring ListTagsForResource: the answer for {resourceArn} lists a tag without a key.");
            }

            // The model requires a value; an empty one may be left out by some serializers, and means the same.
            tags.Add(new ResourceTag(tag.Key, tag.Value ?? string.Empty));
        }

        return tags;
    }

    private static string Wire(AlarmStateValue state) => state switch
    {
        AlarmStateValue.Ok => "OK",
        AlarmStateValue.Alarm => "ALARM",
        AlarmStateValue.InsufficientData => "INSUFFICIENT_DATA",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown alarm state"),
    };

    private sealed class Accumulator(string id)
    {
        private readonly List<DateTimeOffset> _timestamps = [];
        private readonly List<double> _values = [];
        private readonly List<MetricDataMessage> _messages = [];
        private string? _label;
        private string? _status;

        public void Add(MetricDataResult page)
        {
            _label ??= page.Label;
            _status = page.StatusCode ?? _status;
            _timestamps.AddRange(page.Timestamps);
            _values.AddRange(page.Values);
            _messages.AddRange(page.Messages);
        }

        public MetricDataResult ToResult() => new()
        {
            Id = id,
            Label = _label,
            Timestamps = _timestamps,
            Values = _values,
            StatusCode = _status,
            Messages = _messages,
        };
    }
}
