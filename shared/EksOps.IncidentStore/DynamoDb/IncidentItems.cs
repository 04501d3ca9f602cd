using System.Globalization;
using Amazon.DynamoDBv2.Model;
using EksOps.Aws.Serialization;

namespace EksOps.IncidentStore.DynamoDb;

/// <summary>The item layout of the incident table: keys, attribute names, and the conversions of records and entries.</summary>
internal static class IncidentItems
{
    public const string Pk = "pk";
    public const string Sk = "sk";
    public const string Ttl = "ttl";

    public const string RecordSk = "RECORD";
    public const string CorrelationSk = "CORRELATION";
    public const string OnceSk = "ONCE";
    public const string TimelinePrefix = "TL#";
    public const string ClaimPrefix = "CLAIM#";

    // Incident record.
    public const string Id = "id";
    public const string CorrelationKey = "correlationKey";
    public const string AlarmName = "alarmName";
    public const string AlarmArn = "alarmArn";
    public const string Cluster = "cluster";
    public const string Status = "status";
    public const string StatusReason = "statusReason";
    public const string OpenedAt = "openedAt";
    public const string UpdatedAt = "updatedAt";
    public const string ClosedAt = "closedAt";
    public const string ExecutionArn = "executionArn";
    public const string RootCause = "rootCause";
    public const string Runbook = "runbook";
    public const string Subject = "subject";
    public const string CorrelatedAlarms = "correlatedAlarms";

    // Correlation, alarm pointer, claims, single-use keys.
    public const string IncidentId = "incidentId";
    public const string WindowEndMs = "windowEndMs";
    public const string ExpiresAtMs = "expiresAtMs";
    public const string ClaimedAt = "claimedAt";
    public const string CompletedAt = "completedAt";
    public const string Result = "result";

    // Timeline entry.
    public const string Key = "key";
    public const string Kind = "kind";
    public const string At = "at";
    public const string Summary = "summary";
    public const string Data = "data";

    public static string IncidentPk(string incidentId) => "INCIDENT#" + incidentId;

    public static string CorrelationPk(string correlationKey) => "CORRELATION#" + correlationKey;

    public static string AlarmPk(string alarmArn) => "ALARM#" + alarmArn;

    public static string OncePk(string key) => "ONCE#" + key;

    /// <summary>An alarm pointer's sort key: newest-first order by the opening transition, then id, is descending sk order.</summary>
    public static string AlarmPointerSk(IncidentRecord record) => "OPENED#" + Time(record.OpenedAt) + "#" + record.Id;

    public static Dictionary<string, AttributeValue> KeyOf(string pk, string sk) => new(StringComparer.Ordinal)
    {
        [Pk] = S(pk),
        [Sk] = S(sk),
    };

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A UTC timestamp with 100 ns precision that sorts as text.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static long EpochMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>The TTL value: epoch seconds, rounded up so an item never expires early.</summary>
    public static long EpochSeconds(DateTimeOffset value) => (value.ToUnixTimeMilliseconds() + 999) / 1000;

    public static Dictionary<string, AttributeValue> FromRecord(IncidentRecord record, DateTimeOffset expiresAt)
    {
        var item = KeyOf(IncidentPk(record.Id), RecordSk);
        item[Id] = S(record.Id);
        item[CorrelationKey] = S(record.CorrelationKey);
        item[AlarmName] = S(record.AlarmName);
        item[AlarmArn] = S(record.AlarmArn);
        item[Status] = S(record.Status.ToString());
        item[OpenedAt] = S(Time(record.OpenedAt));
        item[UpdatedAt] = S(Time(record.UpdatedAt));
        item[CorrelatedAlarms] = N(record.CorrelatedAlarms);
        item[Ttl] = N(EpochSeconds(expiresAt));
        AddIfSet(item, Cluster, record.Cluster);
        AddIfSet(item, StatusReason, record.StatusReason);
        AddIfSet(item, ClosedAt, record.ClosedAt is { } closed ? Time(closed) : null);
        AddIfSet(item, ExecutionArn, record.ExecutionArn);
        AddIfSet(item, RootCause, record.RootCause);
        AddIfSet(item, Runbook, record.Runbook);
        AddIfSet(item, Subject, record.Subject);
        return item;
    }

    public static IncidentRecord ToRecord(Dictionary<string, AttributeValue> item) => new()
    {
        Id = Required(item, Id),
        CorrelationKey = Required(item, CorrelationKey),
        AlarmName = Required(item, AlarmName),
        AlarmArn = Required(item, AlarmArn),
        Cluster = Optional(item, Cluster),
        Status = Enum.Parse<IncidentStatus>(Required(item, Status)),
        StatusReason = Optional(item, StatusReason),
        OpenedAt = ParseTime(Required(item, OpenedAt)),
        UpdatedAt = ParseTime(Required(item, UpdatedAt)),
        ClosedAt = Optional(item, ClosedAt) is { } closed ? ParseTime(closed) : null,
        ExecutionArn = Optional(item, ExecutionArn),
        RootCause = Optional(item, RootCause),
        Runbook = Optional(item, Runbook),
        Subject = Optional(item, Subject),
        CorrelatedAlarms = (int)Number(item, CorrelatedAlarms),
    };

    public static Dictionary<string, AttributeValue> FromEntry(string incidentId, TimelineEntry entry, string? dataJson, DateTimeOffset expiresAt)
    {
        var item = KeyOf(IncidentPk(incidentId), TimelinePrefix + entry.Key);
        item[Key] = S(entry.Key);
        item[Kind] = S(entry.Kind.ToString());
        item[At] = S(Time(entry.At));
        item[Summary] = S(entry.Summary);
        item[Ttl] = N(EpochSeconds(expiresAt));
        AddIfSet(item, Data, dataJson);
        return item;
    }

    public static TimelineEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        Key = Required(item, Key),
        Kind = Enum.Parse<TimelineKind>(Required(item, Kind)),
        At = ParseTime(Required(item, At)),
        Summary = Required(item, Summary),
        Data = Optional(item, Data) is { } data ? CompactJson.ReadObject(data) : null,
    };

    public static string? Optional(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.S is { } text ? text : null;

    public static string Required(Dictionary<string, AttributeValue> item, string name) =>
        Optional(item, name) ?? throw new InvalidDataException($"The incident table item {Describe(item)} has no string attribute '{name}'.");

    public static long Number(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } text ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void AddIfSet(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        $"({Optional(item, Pk) ?? "?"}, {Optional(item, Sk) ?? "?"})";
}
