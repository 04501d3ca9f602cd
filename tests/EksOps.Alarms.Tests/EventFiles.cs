using System.Text.Json.Nodes;

namespace EksOps.Alarms.Tests;

/// <summary>Loads the sample events copied into Events/ next to the test assembly.</summary>
internal static class EventFiles
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", name));

    public static AlarmStateChange Parse(string name) => AlarmEventParser.Parse(Bytes(name));

    /// <summary>The sample as a mutable node, for building variants of it.</summary>
    public static JsonObject Node(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    public static InvalidAlarmEventException Reject(string json) =>
        Assert.Throws<InvalidAlarmEventException>(() => AlarmEventParser.Parse(json));

    public static InvalidAlarmEventException Reject(JsonNode node) => Reject(node.ToJsonString());

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
}
