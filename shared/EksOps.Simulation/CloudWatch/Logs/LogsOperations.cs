using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// CloudWatch Logs: <c>FilterLogEvents</c> (filter patterns, time range inclusive at both ends, stream names or a
/// prefix, interleaved in time order, <c>limit</c> and <c>nextToken</c>) and Logs Insights (<c>StartQuery</c>,
/// <c>GetQueryResults</c>, <c>StopQuery</c>). Queries run when started; <c>GetQueryResults</c> reports them
/// unfinished for <see cref="CloudWatchSimulatorOptions.QueryPollsBeforeComplete"/> calls.
/// </summary>
internal sealed class LogsOperations(SimulatedCloudWatch state, CloudWatchSimulatorOptions options)
{
    private const int MaxLimit = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueryState> _queries = new(StringComparer.Ordinal);

    public byte[] FilterLogEvents(JsonElement input)
    {
        var name = JsonInput.String(input, "logGroupName");
        var identifier = JsonInput.String(input, "logGroupIdentifier");
        if (name is not null && identifier is not null)
        {
            throw Faults.InvalidParameter("LogGroupName and LogGroupIdentifier are mutually exclusive: give one.");
        }

        var group = name ?? (identifier is null ? null : GroupName(identifier))
            ?? throw Faults.InvalidParameter("Either LogGroupName or LogGroupIdentifier must be given.");
        if (!state.Logs.Exists(group))
        {
            throw Faults.LogGroupNotFound();
        }

        var streams = JsonInput.Strings(input, "logStreamNames");
        var prefix = JsonInput.String(input, "logStreamNamePrefix");
        if (streams.Count > 0 && prefix is not null)
        {
            throw Faults.InvalidParameter("logStreamNames and logStreamNamePrefix cannot both be given.");
        }

        if (streams.Count > 100)
        {
            throw Faults.InvalidParameter("1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100");
        }

        var start = JsonInput.Long(input, "startTime");
        var end = JsonInput.Long(input, "endTime");
        var limit = JsonInput.Int(input, "limit") ?? MaxLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw Faults.InvalidParameter($"1 validation error detected: Value '{limit.ToString(CultureInfo.InvariantCulture)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
        }

        var pattern = FilterPattern.Parse(JsonInput.String(input, "filterPattern"));
        var matched = state.Logs.Events(group)
            .Where(e => (start is null || e.Timestamp >= start) && (end is null || e.Timestamp <= end))
            .Where(e => streams.Count == 0 || streams.Contains(e.Stream))
            .Where(e => prefix is null || e.Stream.StartsWith(prefix, StringComparison.Ordinal))
            .Where(e => pattern.Matches(e.Message))
            .ToList();

        var fingerprint = Fingerprint(input, "logGroupName", "logGroupIdentifier", "logStreamNames", "logStreamNamePrefix", "startTime", "endTime", "filterPattern");
        var offset = 0;
        if (JsonInput.String(input, "nextToken") is { } token)
        {
            offset = ReadToken(token, fingerprint, matched.Count);
        }

        var page = matched.Skip(offset).Take(limit).ToList();
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var e in page)
            {
                writer.WriteStartObject();
                writer.WriteString("logStreamName", e.Stream);
                writer.WriteNumber("timestamp", e.Timestamp);
                writer.WriteString("message", e.Message);
                writer.WriteNumber("ingestionTime", e.IngestionTime);
                writer.WriteString("eventId", e.EventId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();

            // No longer filled by CloudWatch Logs since 2020: always empty.
            writer.WriteStartArray("searchedLogStreams");
            writer.WriteEndArray();
            if (offset + page.Count < matched.Count)
            {
                writer.WriteString("nextToken", Token(offset + page.Count, fingerprint));
            }

            writer.WriteEndObject();
        });
    }

    public byte[] StartQuery(JsonElement input)
    {
        var language = JsonInput.String(input, "queryLanguage");
        if (language is not null && language != "CWLI")
        {
            throw Faults.InvalidParameter($"The query language {language} is not supported by the EksOps CloudWatch simulator; it runs Logs Insights (CWLI) queries.");
        }

        var single = JsonInput.String(input, "logGroupName");
        var names = JsonInput.Strings(input, "logGroupNames");
        var identifiers = JsonInput.Strings(input, "logGroupIdentifiers");
        var given = (single is null ? 0 : 1) + (names.Count == 0 ? 0 : 1) + (identifiers.Count == 0 ? 0 : 1);
        if (given != 1)
        {
            throw Faults.InvalidParameter("Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be given.");
        }

        var groups = (single is not null ? [single] : names.Count > 0 ? names : identifiers.Select(GroupName)).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count > 50)
        {
            throw Faults.InvalidParameter("A query can search at most 50 log groups.");
        }

        foreach (var group in groups.Where(g => !state.Logs.Exists(g)))
        {
            throw Faults.ResourceNotFound($"Log group '{group}' does not exist for account ID '{options.AccountId}'");
        }

        var start = JsonInput.Long(input, "startTime") ?? throw Faults.InvalidParameter("startTime is required.");
        var end = JsonInput.Long(input, "endTime") ?? throw Faults.InvalidParameter("endTime is required.");
        if (end < start)
        {
            throw Faults.InvalidParameter("End time should not be before the start time");
        }

        var queryString = JsonInput.String(input, "queryString") ?? throw Faults.InvalidParameter("queryString is required.");
        var limit = JsonInput.Int(input, "limit") ?? MaxLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw Faults.InvalidParameter($"1 validation error detected: Value '{limit.ToString(CultureInfo.InvariantCulture)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
        }

        var commands = InsightsParser.Parse(queryString);

        // Whole seconds, both inclusive: an event anywhere in the end second is in range.
        var events = groups.SelectMany(g => state.Logs.Events(g))
            .Where(e => e.Timestamp >= start * 1000 && e.Timestamp < (end + 1) * 1000)
            .ToList();
        var result = InsightsEngine.Run(commands, events, options.AccountId, limit, groups.Count);
        var id = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _queries[id] = new QueryState(result);
        }

        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("queryId", id);
            writer.WriteEndObject();
        });
    }

    public byte[] GetQueryResults(JsonElement input)
    {
        var id = JsonInput.String(input, "queryId") ?? throw Faults.InvalidParameter("queryId is required.");
        string status;
        QueryState query;
        lock (_gate)
        {
            query = _queries.GetValueOrDefault(id) ?? throw Faults.ResourceNotFound($"Query {id} does not exist.");
            status = query.Status(options.QueryPollsBeforeComplete);
            query.Polls++;
        }

        var complete = status == "Complete";
        var result = query.Result;
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("queryLanguage", "CWLI");
            writer.WriteStartArray("results");
            foreach (var row in complete ? result.Rows : [])
            {
                writer.WriteStartArray();
                foreach (var (field, value) in row)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", field);
                    writer.WriteString("value", value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("statistics");
            writer.WriteNumber("recordsMatched", complete ? result.RecordsMatched : 0);
            writer.WriteNumber("recordsScanned", complete ? result.RecordsScanned : 0);
            writer.WriteNumber("estimatedRecordsSkipped", 0);
            writer.WriteNumber("bytesScanned", complete ? result.BytesScanned : 0);
            writer.WriteNumber("estimatedBytesSkipped", 0);
            writer.WriteNumber("logGroupsScanned", complete ? result.LogGroupsScanned : 0);
            writer.WriteEndObject();
            writer.WriteString("status", status);
            writer.WriteEndObject();
        });
    }

    public byte[] StopQuery(JsonElement input)
    {
        var id = JsonInput.String(input, "queryId") ?? throw Faults.InvalidParameter("queryId is required.");
        bool stopped;
        lock (_gate)
        {
            var query = _queries.GetValueOrDefault(id) ?? throw Faults.ResourceNotFound($"Query {id} does not exist.");
            stopped = query.Status(options.QueryPollsBeforeComplete) is "Scheduled" or "Running";
            if (stopped)
            {
                query.Cancelled = true;
            }
        }

        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", stopped);
            writer.WriteEndObject();
        });
    }

    /// <summary>A log group name from a name or an ARN (<c>arn:aws:logs:region:account:log-group:NAME</c>, optionally <c>:*</c>).</summary>
    private static string GroupName(string identifier)
    {
        const string Marker = ":log-group:";
        var at = identifier.IndexOf(Marker, StringComparison.Ordinal);
        if (!identifier.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            return identifier;
        }

        var name = identifier[(at + Marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private static string Fingerprint(JsonElement input, params string[] names)
    {
        var text = new StringBuilder();
        foreach (var name in names)
        {
            text.Append(name).Append('=').Append(input.TryGetProperty(name, out var value) ? value.GetRawText() : string.Empty).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Token(int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"fle:{offset.ToString(CultureInfo.InvariantCulture)}:{fingerprint}"));

    private static int ReadToken(string token, string fingerprint, int count)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 3 && parts[0] == "fle" && parts[2] == fingerprint
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset <= count)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        throw Faults.InvalidParameter("The specified nextToken is invalid.");
    }

    private sealed class QueryState(InsightsResult result)
    {
        public InsightsResult Result { get; } = result;

        public int Polls { get; set; }

        public bool Cancelled { get; set; }

        public string Status(int pollsBeforeComplete)
        {
            if (Cancelled)
            {
                return "Cancelled";
            }

            if (Polls >= pollsBeforeComplete)
            {
                return "Complete";
            }

            return Polls == 0 && pollsBeforeComplete > 1 ? "Scheduled" : "Running";
        }
    }
}
