namespace EksOps.Alarms.Tests;

public sealed class TimestampTests
{
    private static AlarmStateChange WithStateTimestamp(string timestamp)
    {
        var node = EventFiles.Node("cloudwatch-alarm-lambda-action-single.json");
        node["alarmData"]!["state"]!["timestamp"] = timestamp;
        return AlarmEventParser.Parse(node.ToJsonString());
    }

    [Theory]
    [InlineData("2024-02-17T11:53:08.431+0000")]
    [InlineData("2024-02-17T11:53:08.431+00:00")]
    [InlineData("2024-02-17T11:53:08.431Z")]
    [InlineData("2024-02-17T12:53:08.431+0100")]
    [InlineData("2024-02-17T06:23:08.431-05:30")]
    public void State_timestamps_in_alarm_and_iso_8601_formats_denote_the_same_utc_instant(string timestamp)
    {
        var state = WithStateTimestamp(timestamp).State;

        Assert.Equal(EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431), state.Timestamp);
        Assert.Equal(TimeSpan.Zero, state.Timestamp.Offset);
    }

    [Theory]
    [InlineData("2019-10-02T17:04:40Z")]
    [InlineData("2019-10-02T17:04:40+0000")]
    [InlineData("2019-10-02T17:04:40.000+00:00")]
    public void Envelope_time_is_accepted_with_or_without_fractional_seconds(string time)
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        node["time"] = time;

        Assert.Equal(EventFiles.Utc(2019, 10, 2, 17, 4, 40), AlarmEventParser.Parse(node.ToJsonString()).Time);
    }

    [Theory]
    [InlineData("2024-02-17T11:53:08.431")]
    [InlineData("2024-02-17 11:53:08.431+0000")]
    [InlineData("17/02/2024 11:53:08")]
    [InlineData("2024-02-30T11:53:08.431+0000")]
    [InlineData("2024-02-17T11:53:08.431+05")]
    public void Timestamps_without_an_offset_or_not_in_iso_8601_form_are_rejected(string timestamp)
    {
        var ex = Assert.Throws<InvalidAlarmEventException>(() => WithStateTimestamp(timestamp));

        Assert.Equal("$.alarmData.state.timestamp", ex.JsonPath);
        Assert.Contains(timestamp, ex.Message, StringComparison.Ordinal);
    }
}
