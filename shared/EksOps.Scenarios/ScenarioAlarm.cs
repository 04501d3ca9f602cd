using System.Text.Json;
using EksOps.Alarms;

namespace EksOps.Scenarios;

/// <summary>
/// The alarm event of a scenario (<c>alarm:</c>): exactly what the function receives in production, as raw JSON and
/// as parsed by <see cref="AlarmEventParser"/>.
/// </summary>
public sealed record ScenarioAlarm
{
    /// <summary>
    /// The event as UTF-8 JSON: the file's bytes when the alarm is a file, or the inline mapping converted to JSON.
    /// Feed this to a handler to replay the alarm.
    /// </summary>
    public required ReadOnlyMemory<byte> Utf8Json { get; init; }

    /// <summary>The event as a parsed JSON element (independent of any document; it need not be disposed).</summary>
    public required JsonElement Json { get; init; }

    /// <summary>The event as the typed alarm model.</summary>
    public required AlarmStateChange StateChange { get; init; }

    /// <summary>The file the event was read from, relative to the scenario folder; <see langword="null"/> when inline.</summary>
    public string? File { get; init; }
}
