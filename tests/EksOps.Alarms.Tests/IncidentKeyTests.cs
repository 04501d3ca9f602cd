using System.Text.RegularExpressions;

namespace EksOps.Alarms.Tests;

public sealed partial class IncidentKeyTests
{
    private const string Arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh";

    [GeneratedRegex("^[0-9A-Za-z_-]{1,80}$")]
    private static partial Regex ExecutionNamePattern();

    [GeneratedRegex("-[0-9a-f]{24}$")]
    private static partial Regex HashSuffixPattern();

    public static TheoryData<string> AlarmNames => new()
    {
        "ServerCpuTooHigh",
        "EC2 CPU Utilization Anomaly",
        "CompositeDemo.Main",
        "prod/eks: node NotReady (us-east-1a) [critical]",
        "Ünïcödé алерт 警报 🚨",
        "🚨🚨🚨",
        "   ",
        "-_-",
        new string('a', 300),
        "eks-prod-" + new string('x', 45) + " tail",
    };

    [Theory]
    [MemberData(nameof(AlarmNames))]
    public void Execution_name_is_at_most_80_characters_of_the_allowed_set(string alarmName)
    {
        string name = IncidentKeys.ExecutionName(alarmName, Arn, EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431));

        Assert.Matches(ExecutionNamePattern(), name);
        Assert.True(name.Length <= IncidentKeys.MaxExecutionNameLength);
        Assert.Matches(HashSuffixPattern(), name);
        Assert.DoesNotContain("__", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Execution_name_starts_with_a_readable_form_of_the_alarm_name()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-anomaly.json");

        string name = IncidentKeys.ExecutionName(change);

        Assert.StartsWith("EC2_CPU_Utilization_Anomaly-", name, StringComparison.Ordinal);
        Assert.Equal("EC2_CPU_Utilization_Anomaly-".Length + IncidentKeys.HashLength, name.Length);
    }

    [Fact]
    public void Alarm_names_with_nothing_readable_fall_back_to_a_generic_prefix()
    {
        string name = IncidentKeys.ExecutionName("警报 🚨", Arn, EventFiles.Utc(2024, 1, 1, 0, 0, 0));

        Assert.StartsWith("alarm-", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_alarm_names_are_cut_so_the_whole_name_is_exactly_80_characters()
    {
        string name = IncidentKeys.ExecutionName(new string('a', 300), Arn, EventFiles.Utc(2024, 1, 1, 0, 0, 0));

        Assert.Equal(80, name.Length);
        Assert.StartsWith(new string('a', 80 - 1 - IncidentKeys.HashLength) + "-", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloudwatch-alarm-metric.json")]
    [InlineData("cloudwatch-alarm-composite.json")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json")]
    public void Parsing_the_same_delivery_twice_gives_the_same_execution_name(string file)
    {
        string first = IncidentKeys.ExecutionName(EventFiles.Parse(file));
        string second = IncidentKeys.ExecutionName(EventFiles.Parse(file));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Execution_name_is_a_stable_function_of_arn_and_state_timestamp()
    {
        // Pinned so that a change to the derivation (which would break de-duplication across a deployment) is noticed.
        string name = IncidentKeys.ExecutionName("ServerCpuTooHigh", Arn, EventFiles.Utc(2019, 10, 2, 17, 4, 40, 989));

        string expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Arn + "|2019-10-02T17:04:40.9890000Z")))[..IncidentKeys.HashLength];
        Assert.Equal("ServerCpuTooHigh-" + expectedHash, name);
        Assert.Equal(name, IncidentKeys.ExecutionName(EventFiles.Parse("cloudwatch-alarm-metric.json")));
    }

    [Fact]
    public void Redelivery_with_a_new_envelope_id_and_time_gives_the_same_execution_name()
    {
        var node = EventFiles.Node("cloudwatch-alarm-metric.json");
        string original = IncidentKeys.ExecutionName(AlarmEventParser.Parse(node.ToJsonString()));
        node["id"] = "00000000-0000-0000-0000-000000000000";
        node["time"] = "2019-10-02T17:09:40Z";

        Assert.Equal(original, IncidentKeys.ExecutionName(AlarmEventParser.Parse(node.ToJsonString())));
    }

    [Fact]
    public void Equal_instants_with_different_offsets_give_the_same_execution_name()
    {
        var utc = new DateTimeOffset(2024, 2, 17, 11, 53, 8, 431, TimeSpan.Zero);

        Assert.Equal(
            IncidentKeys.ExecutionName("a", Arn, utc),
            IncidentKeys.ExecutionName("a", Arn, utc.ToOffset(TimeSpan.FromHours(5.5))));
    }

    [Fact]
    public void Different_state_timestamps_give_different_execution_names()
    {
        var start = EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431);
        var names = Enumerable.Range(0, 1000)
            .Select(i => IncidentKeys.ExecutionName("ServerCpuTooHigh", Arn, start.AddMilliseconds(i)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, names.Count);
    }

    [Fact]
    public void Different_alarm_arns_with_the_same_name_and_timestamp_give_different_execution_names()
    {
        var time = EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431);

        string east = IncidentKeys.ExecutionName("ServerCpuTooHigh", Arn, time);
        string west = IncidentKeys.ExecutionName("ServerCpuTooHigh", Arn.Replace("us-east-1", "us-west-2", StringComparison.Ordinal), time);

        Assert.NotEqual(east, west);
    }

    [Fact]
    public void Alarm_names_that_sanitize_alike_still_get_different_execution_names()
    {
        var time = EventFiles.Utc(2024, 2, 17, 11, 53, 8, 431);

        string spaced = IncidentKeys.ExecutionName("cpu high", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu high", time);
        string dotted = IncidentKeys.ExecutionName("cpu.high", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu.high", time);

        Assert.Equal(spaced[..9], dotted[..9]);
        Assert.NotEqual(spaced, dotted);
    }

    [Fact]
    public void The_previous_and_new_state_of_a_sample_give_different_names()
    {
        var change = EventFiles.Parse("cloudwatch-alarm-composite.json");

        string current = IncidentKeys.ExecutionName(change);
        string previous = IncidentKeys.ExecutionName(change.AlarmName, change.AlarmArn, change.PreviousState!.Timestamp);

        Assert.NotEqual(current, previous);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => IncidentKeys.ExecutionName(null!));
        Assert.Throws<ArgumentNullException>(() => IncidentKeys.ExecutionName("a", null!, DateTimeOffset.UnixEpoch));
        Assert.Throws<ArgumentNullException>(() => IncidentKeys.ExecutionName(null!, Arn, DateTimeOffset.UnixEpoch));
    }
}
