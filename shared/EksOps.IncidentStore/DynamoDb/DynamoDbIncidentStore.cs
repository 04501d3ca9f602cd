using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EksOps.Aws.Serialization;
using EksOps.Aws;
using static EksOps.IncidentStore.DynamoDb.IncidentItems;

namespace EksOps.IncidentStore.DynamoDb;

/// <summary>
/// The incident store on one DynamoDB table (low-level <see cref="IAmazonDynamoDB"/> only, so it is trim- and AOT-safe).
/// Every write is conditional: a failed condition is the "already done" answer, never an error.
/// </summary>
/// <remarks>
/// <para>Item layout (string keys <c>pk</c>/<c>sk</c>, TTL attribute <c>ttl</c> in epoch seconds):</para>
/// <list type="table">
/// <listheader><term>pk / sk</term><description>what</description></listheader>
/// <item><term><c>INCIDENT#id</c> / <c>RECORD</c></term><description>the incident record</description></item>
/// <item><term><c>INCIDENT#id</c> / <c>TL#key</c></term><description>a timeline entry (<c>data</c> as a JSON string, bounded by <see cref="TimelineData"/>)</description></item>
/// <item><term><c>INCIDENT#id</c> / <c>CLAIM#key</c></term><description>a once-only step claim, with <c>result</c> once completed</description></item>
/// <item><term><c>CORRELATION#key</c> / <c>CORRELATION</c></term><description>which incident holds a correlation key, until <c>windowEndMs</c></description></item>
/// <item><term><c>ALARM#arn</c> / <c>OPENED#time#id</c></term><description>an incident the alarm opened (for <see cref="FindOpenByAlarmAsync"/>)</description></item>
/// <item><term><c>ONCE#key</c> / <c>ONCE</c></term><description>a consumed single-use key, until <c>expiresAtMs</c></description></item>
/// </list>
/// <para>
/// Throttling (<c>ProvisionedThroughputExceededException</c>, <c>ThrottlingException</c>, <c>RequestLimitExceeded</c>),
/// after the SDK's own retries, is thrown as <see cref="AwsThrottlingException"/>, the error the state machine's
/// <c>Retry</c> names. Other service errors propagate as the SDK's exceptions.
/// </para>
/// <para>IAM: <c>dynamodb:GetItem</c>, <c>PutItem</c>, <c>UpdateItem</c>, <c>Query</c> and <c>ConditionCheckItem</c> on the table (TransactWriteItems needs the item actions it contains).</para>
/// </remarks>
public sealed class DynamoDbIncidentStore : IIncidentStore, IDisposable
{
    /// <summary>The service name <see cref="AwsServiceException.Service"/> carries for this store's throttling.</summary>
    public const string ServiceName = "dynamodb";

    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "RequestLimitExceededException",
    };

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbIncidentStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsClient;

    /// <summary>Creates the store on a table.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">The table and retention.</param>
    /// <param name="time">The clock for correlation windows, claims, single-use keys and TTLs; default the system clock.</param>
    /// <param name="ownsClient">Whether <see cref="Dispose"/> disposes <paramref name="client"/>.</param>
    public DynamoDbIncidentStore(IAmazonDynamoDB client, DynamoDbIncidentStoreOptions options, TimeProvider? time = null, bool ownsClient = false)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TableName, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Retention, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDataBytes, 4_096, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxDataBytes, 350_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTransactionAttempts, 1, nameof(options));
        _time = time ?? TimeProvider.System;
        _ownsClient = ownsClient;
    }

    /// <summary>The table.</summary>
    public string TableName => _options.TableName;

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction writes the correlation (if absent or past its window), the record (if its id is new) and the
    /// alarm pointer, so no crash leaves one without the others. When it is cancelled, the holder is read and its
    /// <see cref="IncidentRecord.CorrelatedAlarms"/> incremented; a conflicting concurrent transaction is retried.
    /// </remarks>
    public async Task<CorrelationResult> OpenOrJoinAsync(IncidentRecord candidate, TimeSpan window, CancellationToken cancellationToken)
    {
        IncidentStoreArguments.ValidateCandidate(candidate, window);
        for (var attempt = 1; ; attempt++)
        {
            var now = _time.GetUtcNow();
            var windowEnd = now + window;
            var correlation = KeyOf(CorrelationPk(candidate.CorrelationKey), CorrelationSk);
            correlation[IncidentId] = S(candidate.Id);
            correlation[WindowEndMs] = N(EpochMs(windowEnd));
            correlation[Ttl] = N(EpochSeconds(Max(windowEnd, now) + _options.Retention));
            var pointer = KeyOf(AlarmPk(candidate.AlarmArn), AlarmPointerSk(candidate));
            pointer[IncidentId] = S(candidate.Id);
            pointer[Ttl] = N(EpochSeconds(now + _options.Retention));
            var request = new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new TransactWriteItem
                    {
                        Put = new Put
                        {
                            TableName = TableName,
                            Item = correlation,
                            ConditionExpression = "attribute_not_exists(#pk) OR #windowEnd <= :now",
                            ExpressionAttributeNames = new() { ["#pk"] = Pk, ["#windowEnd"] = WindowEndMs },
                            ExpressionAttributeValues = new() { [":now"] = N(EpochMs(now)) },
                        },
                    },
                    new TransactWriteItem
                    {
                        Put = new Put
                        {
                            TableName = TableName,
                            Item = FromRecord(candidate, now + _options.Retention),
                            ConditionExpression = "attribute_not_exists(#pk)",
                            ExpressionAttributeNames = new() { ["#pk"] = Pk },
                        },
                    },
                    new TransactWriteItem { Put = new Put { TableName = TableName, Item = pointer } },
                ],
            };

            IReadOnlyList<string> reasons;
            try
            {
                await Call("TransactWriteItems", () => _client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
                return new CorrelationResult(candidate, Created: true);
            }
            catch (TransactionCanceledException ex)
            {
                reasons = [.. (ex.CancellationReasons ?? []).Select(r => r.Code ?? "None")];
                if (reasons.FirstOrDefault(IsThrottlingReason) is { } throttled)
                {
                    throw Throttled("TransactWriteItems", ex, throttled);
                }
            }

            // The same id first: a transition delivered again joins the incident it opened, whatever the correlation says.
            if (reasons.Count < 2 || reasons[1] == ConditionalCheckFailed)
            {
                if (await JoinAsync(candidate.Id, cancellationToken).ConfigureAwait(false) is { } same)
                {
                    return new CorrelationResult(same, Created: false);
                }
            }

            if (reasons.Count < 1 || reasons[0] == ConditionalCheckFailed)
            {
                var held = await GetItemAsync(CorrelationPk(candidate.CorrelationKey), CorrelationSk, cancellationToken).ConfigureAwait(false);
                if (held is not null && Number(held, WindowEndMs) > EpochMs(_time.GetUtcNow())
                    && await JoinAsync(Required(held, IncidentId), cancellationToken).ConfigureAwait(false) is { } holder)
                {
                    return new CorrelationResult(holder, Created: false);
                }
            }

            // The holder's window ended, or a concurrent transaction conflicted: try again, after a short jittered pause.
            if (attempt >= _options.MaxTransactionAttempts)
            {
                throw new AwsThrottlingException(ServiceName, "TransactWriteItems", System.Net.HttpStatusCode.BadRequest, "TransactionConflict",
                    $"Opening or joining correlation key '{candidate.CorrelationKey}' did not settle after {attempt} attempts.", requestId: null);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<IncidentRecord?> GetAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        var item = await GetItemAsync(IncidentPk(incidentId), RecordSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ToRecord(item);
    }

    /// <inheritdoc/>
    public async Task<IncidentRecord?> FindOpenByAlarmAsync(string alarmArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmArn);
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = TableName,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Pk },
                ExpressionAttributeValues = new() { [":pk"] = S(AlarmPk(alarmArn)) },
                ScanIndexForward = false,
                ConsistentRead = true,
                Limit = 20,
                ExclusiveStartKey = startKey,
            };
            var page = await Call("Query", () => _client.QueryAsync(request, cancellationToken)).ConfigureAwait(false);
            foreach (var pointer in page.Items ?? [])
            {
                if (await GetAsync(Required(pointer, IncidentId), cancellationToken).ConfigureAwait(false) is { } incident && !incident.Status.IsClosed())
                {
                    return incident;
                }
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One conditional <c>UpdateItem</c>; with <see cref="IncidentUpdate.OnlyIfNotClosed"/> its condition also says "not
    /// closed", and when that fails a second one sets the other fields without the status.
    /// </remarks>
    public async Task<IncidentRecord> UpdateAsync(string incidentId, IncidentUpdate update, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(update);
        if (update.Status is not null)
        {
            var withStatus = await TryUpdateAsync(incidentId, update, includeStatus: true, cancellationToken).ConfigureAwait(false);
            if (withStatus is not null)
            {
                return withStatus;
            }

            if (!update.OnlyIfNotClosed)
            {
                throw NotFound(incidentId);
            }
        }

        return await TryUpdateAsync(incidentId, update, includeStatus: false, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(incidentId);
    }

    /// <inheritdoc/>
    /// <remarks>The store does not check that the incident exists: entries are keyed under its id either way.</remarks>
    public async Task<bool> AppendAsync(string incidentId, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(entry);
        TimelineData.ValidateKey(entry.Key, nameof(entry));
        var bounded = entry with { Summary = TimelineData.BoundSummary(entry.Summary) };
        var data = entry.Data is null ? null : CompactJson.Write(TimelineData.Bound(entry.Data, _options.MaxDataBytes));
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = FromEntry(incidentId, bounded, data, _time.GetUtcNow() + _options.Retention),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = Pk },
        };
        try
        {
            await Call("PutItem", () => _client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string incidentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        var entries = new List<TimelineEntry>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = TableName,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Pk, ["#sk"] = Sk },
                ExpressionAttributeValues = new() { [":pk"] = S(IncidentPk(incidentId)), [":prefix"] = S(TimelinePrefix) },
                ConsistentRead = true,
                ExclusiveStartKey = startKey,
            };
            var page = await Call("Query", () => _client.QueryAsync(request, cancellationToken)).ConfigureAwait(false);
            entries.AddRange((page.Items ?? []).Select(ToEntry));
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.Key, StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<TimelineEntry?> FindEntryAsync(string incidentId, string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var item = await GetItemAsync(IncidentPk(incidentId), TimelinePrefix + key, cancellationToken).ConfigureAwait(false);
        return item is null ? null : ToEntry(item);
    }

    /// <inheritdoc/>
    public async Task<StepClaim> ClaimAsync(string incidentId, string stepKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        TimelineData.ValidateKey(stepKey, nameof(stepKey));
        var now = _time.GetUtcNow();
        var item = KeyOf(IncidentPk(incidentId), ClaimPrefix + stepKey);
        item[ClaimedAt] = S(Time(now));
        item[Ttl] = N(EpochSeconds(now + _options.Retention));
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = Pk },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        Dictionary<string, AttributeValue>? held;
        try
        {
            await Call("PutItem", () => _client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return new StepClaim(StepClaimState.Claimed) { ClaimedAt = now };
        }
        catch (ConditionalCheckFailedException ex)
        {
            held = ex.Item is { Count: > 0 } old ? old : null;
        }

        held ??= await GetItemAsync(IncidentPk(incidentId), ClaimPrefix + stepKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The claim '{stepKey}' of incident {incidentId} existed and then vanished; claims are only removed by TTL.");
        DateTimeOffset? claimedAt = Optional(held, ClaimedAt) is { } text ? ParseTime(text) : null;
        return Optional(held, Result) is { } result
            ? new StepClaim(StepClaimState.Completed, CompactJson.ReadObject(result)) { ClaimedAt = claimedAt }
            : new StepClaim(StepClaimState.InProgress) { ClaimedAt = claimedAt };
    }

    /// <inheritdoc/>
    public async Task CompleteAsync(string incidentId, string stepKey, JsonObject result, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        TimelineData.ValidateKey(stepKey, nameof(stepKey));
        ArgumentNullException.ThrowIfNull(result);
        var now = _time.GetUtcNow();
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyOf(IncidentPk(incidentId), ClaimPrefix + stepKey),
            UpdateExpression = "SET #result = :result, #completedAt = :now, #claimedAt = if_not_exists(#claimedAt, :now), #ttl = if_not_exists(#ttl, :ttl)",
            ConditionExpression = "attribute_not_exists(#result)",
            ExpressionAttributeNames = new()
            {
                ["#result"] = Result,
                ["#completedAt"] = CompletedAt,
                ["#claimedAt"] = ClaimedAt,
                ["#ttl"] = Ttl,
            },
            ExpressionAttributeValues = new()
            {
                [":result"] = S(CompactJson.Write(TimelineData.Bound(result, _options.MaxDataBytes))),
                [":now"] = S(Time(now)),
                [":ttl"] = N(EpochSeconds(now + _options.Retention)),
            },
        };
        try
        {
            await Call("UpdateItem", () => _client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Completed before: the first result stays.
        }
    }

    /// <inheritdoc/>
    public async Task<bool> TryConsumeAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        TimelineData.ValidateKey(key, nameof(key));
        var now = _time.GetUtcNow();
        var item = KeyOf(OncePk(key), OnceSk);
        item[ExpiresAtMs] = N(EpochMs(expiresAt));
        item[Ttl] = N(EpochSeconds(expiresAt));
        var request = new PutItemRequest
        {
            TableName = TableName,
            Item = item,
            // TTL deletes within days, not at once: a record past its expiry counts as gone.
            ConditionExpression = "attribute_not_exists(#pk) OR #expiresAt <= :now",
            ExpressionAttributeNames = new() { ["#pk"] = Pk, ["#expiresAt"] = ExpiresAtMs },
            ExpressionAttributeValues = new() { [":now"] = N(EpochMs(now)) },
        };
        try
        {
            await Call("PutItem", () => _client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    // Cancellation reason codes name the error without "Exception" (ThrottlingError, ProvisionedThroughputExceeded).
    private static bool IsThrottlingReason(string code) =>
        code is "ThrottlingError" or "ProvisionedThroughputExceeded" || ThrottlingCodes.Contains(code);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static KeyNotFoundException NotFound(string incidentId) => new($"No incident has the id '{incidentId}'.");

    private static AwsThrottlingException Throttled(string operation, AmazonServiceException ex, string code) =>
        new(ServiceName, operation, ex.StatusCode, code, ex.Message, ex.RequestId);

    /// <summary>Runs one SDK call, turning throttling that outlasted the SDK's retries into <see cref="AwsThrottlingException"/>.</summary>
    private static async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is { } code && ThrottlingCodes.Contains(code))
        {
            throw Throttled(operation, ex, code);
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string pk, string sk, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = TableName, Key = KeyOf(pk, sk), ConsistentRead = true };
        var response = await Call("GetItem", () => _client.GetItemAsync(request, cancellationToken)).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Counts one more alarm delivery on an incident; <see langword="null"/> when it does not exist.</summary>
    private async Task<IncidentRecord?> JoinAsync(string incidentId, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyOf(IncidentPk(incidentId), RecordSk),
            UpdateExpression = "ADD #count :one",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#count"] = CorrelatedAlarms, ["#pk"] = Pk },
            ExpressionAttributeValues = new() { [":one"] = N(1) },
            ReturnValues = ReturnValue.ALL_NEW,
        };
        try
        {
            var response = await Call("UpdateItem", () => _client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return ToRecord(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>One conditional update; <see langword="null"/> when its condition failed.</summary>
    private async Task<IncidentRecord?> TryUpdateAsync(string incidentId, IncidentUpdate update, bool includeStatus, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = Pk, ["#updatedAt"] = UpdatedAt };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":at"] = S(Time(update.At)) };
        var set = new List<string> { "#updatedAt = :at" };
        var remove = new List<string>();
        void Set(string attribute, string? value)
        {
            if (value is not null)
            {
                names["#" + attribute] = attribute;
                values[":" + attribute] = S(value);
                set.Add($"#{attribute} = :{attribute}");
            }
        }

        Set(ExecutionArn, update.ExecutionArn);
        Set(RootCause, update.RootCause);
        Set(Runbook, update.Runbook);
        Set(Subject, update.Subject);
        var condition = "attribute_exists(#pk)";
        if (update.Status is null)
        {
            Set(StatusReason, update.StatusReason);
        }
        else if (includeStatus)
        {
            var status = update.Status.Value;
            Set(Status, status.ToString());
            Set(StatusReason, update.StatusReason);
            names["#closedAt"] = ClosedAt;
            if (status.IsClosed())
            {
                set.Add("#closedAt = if_not_exists(#closedAt, :at)");
            }
            else
            {
                remove.Add("#closedAt");
            }

            if (update.OnlyIfNotClosed)
            {
                names["#status"] = Status;
                values[":resolved"] = S(nameof(IncidentStatus.Resolved));
                values[":escalated"] = S(nameof(IncidentStatus.Escalated));
                condition += " AND NOT (#status IN (:resolved, :escalated))";
            }
        }

        var request = new UpdateItemRequest
        {
            TableName = TableName,
            Key = KeyOf(IncidentPk(incidentId), RecordSk),
            UpdateExpression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : string.Empty),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
        try
        {
            var response = await Call("UpdateItem", () => _client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return ToRecord(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
