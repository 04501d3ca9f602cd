using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Alarms;
using EksOps.Scenarios;

namespace EksOps.Local;

/// <summary>
/// Moves a scenario in time, so that a process that reads the system clock — a function's Native AOT
/// <c>bootstrap</c>, which has no scenario clock — sees the incident as live: metric windows, event ages and log
/// queries computed from "now" land on the scenario's data. Every timestamp moves by the same whole-second offset:
/// <c>now</c>, metric points, the timestamps in the alarm event (its <c>reasonData</c> included) and in the objects'
/// string values, and in container logs the ISO 8601 date-times and the epoch-second or -millisecond
/// <c>time</c>/<c>ts</c>/<c>timestamp</c>/<c>@timestamp</c> members of JSON lines near the scenario's <c>now</c>.
/// </summary>
/// <remarks>
/// Text is changed only where a date-time is written out, and only its <c>yyyy-MM-dd HH:mm:ss</c> part (fractions and
/// zones stay as written, since the offset is whole seconds). Dates without a time, and other log formats (klog's
/// <c>I1118 13:56:06</c>, <c>2026/10/21 - 13:10:00</c>) stay as they are: the simulated CloudWatch dates such lines by
/// their neighbours, and no analyzer reads them as times.
/// </remarks>
public static partial class ScenarioTimeShift
{
    // Epoch numbers are moved only near the scenario's now, so counts, sizes and ids are never mistaken for times.
    private static readonly TimeSpan EpochWindow = TimeSpan.FromDays(60);

    /// <summary>
    /// Moves <paramref name="scenario"/> by whole minutes so that its <c>now</c> falls at <paramref name="now"/> or
    /// less than a minute before it (whole minutes keep minute-aligned metrics on CloudWatch's period boundaries).
    /// </summary>
    /// <param name="scenario">The scenario as loaded.</param>
    /// <param name="now">The instant the scenario should happen at, usually the system clock's now.</param>
    /// <returns>The moved scenario.</returns>
    public static Scenario MoveTo(Scenario scenario, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        long minutes = (long)Math.Floor((now - scenario.Now).TotalMinutes);
        return Shift(scenario, TimeSpan.FromMinutes(minutes));
    }

    /// <summary>Moves every timestamp of <paramref name="scenario"/> by <paramref name="offset"/>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="offset">How far to move it, a whole number of seconds (earlier when negative).</param>
    /// <returns>The moved scenario; the original is not changed.</returns>
    /// <exception cref="ArgumentException"><paramref name="offset"/> has a fraction of a second.</exception>
    /// <exception cref="InvalidAlarmEventException">The moved alarm event no longer reads as an alarm (a date moved out of range).</exception>
    public static Scenario Shift(Scenario scenario, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (offset.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"The offset must be whole seconds; {offset} is not.", nameof(offset));
        }

        if (offset == TimeSpan.Zero)
        {
            return scenario;
        }

        var shifter = new Shifter(offset, scenario.Now);
        byte[] alarm = Encoding.UTF8.GetBytes(shifter.Text(Encoding.UTF8.GetString(scenario.Alarm.Utf8Json.Span)));
        return scenario with
        {
            Now = scenario.Now + offset,
            Alarm = scenario.Alarm with
            {
                Utf8Json = alarm,
                Json = JsonElement.Parse(alarm),
                StateChange = AlarmEventParser.Parse(alarm),
            },
            Objects = [.. scenario.Objects.Select(shifter.Copy)],
            Logs = [.. scenario.Logs.Select(l => l with { Text = shifter.Log(l.Text) })],
            Metrics = [.. scenario.Metrics.Select(m => m with { Points = [.. m.Points.Select(p => p with { Timestamp = p.Timestamp + offset })] })],
        };
    }

    /// <summary>A date and a time of day, the first part of ISO 8601 and of its space-separated variant.</summary>
    [GeneratedRegex(@"(?<!\d)(?<date>\d{4}-\d{2}-\d{2})(?<separator>[T ])(?<time>\d{2}:\d{2}:\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    /// <summary>An epoch time in seconds (with or without a fraction) or milliseconds, as a JSON log line's time member.</summary>
    [GeneratedRegex(@"(?<name>""(?:time|ts|timestamp|@timestamp)""\s*:\s*)(?<number>\d{10}|\d{13})(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex EpochMemberPattern();

    private sealed class Shifter(TimeSpan offset, DateTimeOffset around)
    {
        public JsonObject Copy(JsonObject original)
        {
            var copy = original.DeepClone().AsObject();
            Visit(copy);
            return copy;
        }

        public string Text(string text) => DateTimePattern().Replace(text, match =>
        {
            string written = match.Groups["date"].Value + "T" + match.Groups["time"].Value;
            return DateTime.TryParseExact(written, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                ? (value + offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + match.Groups["separator"].Value
                    + (value + offset).ToString("HH:mm:ss", CultureInfo.InvariantCulture)
                : match.Value;
        });

        public string Log(string text) => EpochMemberPattern().Replace(Text(text), match =>
        {
            string digits = match.Groups["number"].Value;
            long number = long.Parse(digits, CultureInfo.InvariantCulture);
            bool milliseconds = digits.Length == 13;
            var time = milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            if ((time - around).Duration() > EpochWindow)
            {
                return match.Value;
            }

            long moved = milliseconds ? number + (long)offset.TotalMilliseconds : number + (long)offset.TotalSeconds;
            return match.Groups["name"].Value + moved.ToString(CultureInfo.InvariantCulture);
        });

        /// <summary>Moves the date-times in every string value under <paramref name="node"/>, in place.</summary>
        private void Visit(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj.ToList())
                {
                    if (MovedString(value) is { } moved)
                    {
                        obj[name] = moved;
                    }
                    else
                    {
                        Visit(value);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    if (MovedString(array[i]) is { } moved)
                    {
                        array[i] = moved;
                    }
                    else
                    {
                        Visit(array[i]);
                    }
                }
            }
        }

        private JsonValue? MovedString(JsonNode? node)
        {
            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            string text = value.GetValue<string>();
            string moved = Text(text);
            return moved == text ? null : JsonValue.Create(moved);
        }
    }
}
