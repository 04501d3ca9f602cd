using System.Globalization;
using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// One row of a Logs Insights pipeline: a log event (with its system fields and the fields Logs Insights discovers in
/// a JSON message, flattened with dots) plus fields computed by <c>fields</c>, or, after <c>stats</c>, an aggregate row.
/// </summary>
internal sealed class InsightsRow
{
    private readonly string? _account;
    private Dictionary<string, object?>? _discovered;

    public InsightsRow(StoredLogEvent logEvent, string account)
    {
        Event = logEvent;
        _account = account;
    }

    public InsightsRow(Dictionary<string, object?> values) => Values = values;

    public StoredLogEvent? Event { get; }

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset? Timestamp => Event is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp) : null;

    public object? Get(string name)
    {
        if (Values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (Event is not { } e)
        {
            return null;
        }

        switch (name)
        {
            case "@timestamp":
                return DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp);
            case "@ingestionTime":
                return DateTimeOffset.FromUnixTimeMilliseconds(e.IngestionTime);
            case "@message":
                return e.Message;
            case "@logStream":
                return e.Stream;
            case "@log":
                return _account + ":" + e.Group;
            case "@ptr":
                return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(e.Group + "\n" + e.EventId));
            default:
                break;
        }

        _discovered ??= Discover(e.Message);
        return _discovered.GetValueOrDefault(name);
    }

    private static Dictionary<string, object?> Discover(string message)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var trimmed = message.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(message);
            Flatten(document.RootElement, string.Empty, fields);
        }
        catch (JsonException)
        {
            // Not JSON after all: no discovered fields.
        }

        return fields;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, object?> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, fields);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + "." + index.ToString(CultureInfo.InvariantCulture), fields);
                    index++;
                }

                break;
            case JsonValueKind.String:
                fields[prefix] = element.GetString();
                break;
            case JsonValueKind.Number:
                fields[prefix] = element.GetDouble();
                break;
            case JsonValueKind.True:
                fields[prefix] = true;
                break;
            case JsonValueKind.False:
                fields[prefix] = false;
                break;
            default:
                fields[prefix] = null;
                break;
        }
    }
}
