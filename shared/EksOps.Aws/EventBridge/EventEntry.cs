using System.Text;

namespace EksOps.Aws.EventBridge;

/// <summary>One event to put on an event bus (a <c>PutEventsRequestEntry</c>).</summary>
public sealed record EventEntry
{
    /// <summary>The event source, e.g. <c>eksops.remediation</c>. Custom sources must not start with <c>aws.</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The detail type, e.g. <c>Remediation Completed</c> (at most 128 characters).</summary>
    public required string DetailType { get; init; }

    /// <summary>The detail: a JSON object, as text.</summary>
    public required string Detail { get; init; }

    /// <summary>ARNs the event is about (the alarm, the cluster, …).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The bus, by name or ARN. Null: the account's default bus.</summary>
    public string? EventBusName { get; init; }

    /// <summary>The event time (sent as epoch seconds). Null: the time EventBridge receives it.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The X-Ray trace header to pass on (1–500 characters).</summary>
    public string? TraceHeader { get; init; }

    /// <summary>
    /// The entry's size as EventBridge counts it against the 256 KB limit of one <c>PutEvents</c> call (AWS,
    /// "Calculating PutEvents event entry size"): 14 bytes if <see cref="Time"/> is set, plus the UTF-8 bytes of
    /// <see cref="Source"/>, <see cref="DetailType"/>, <see cref="Detail"/> and each of <see cref="Resources"/>.
    /// <see cref="EventBusName"/> and <see cref="TraceHeader"/> do not count.
    /// </summary>
    public int Size
    {
        get
        {
            var size = Time is null ? 0 : 14;
            size += Utf8(Source) + Utf8(DetailType) + Utf8(Detail);
            foreach (var resource in Resources ?? [])
            {
                size += Utf8(resource);
            }

            return size;
        }
    }

    private static int Utf8(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);
}
