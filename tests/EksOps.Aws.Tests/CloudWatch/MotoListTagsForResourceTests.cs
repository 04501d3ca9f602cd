using EksOps.Aws.CloudWatch;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests.CloudWatch;

/// <summary>
/// <c>ListTagsForResource</c> against moto 5.2.1 (signatures checked): the tags an alarm was created with by the aws
/// CLI, and tags added later, read back through our client by the ARN <c>DescribeAlarms</c> reports. Composite alarms
/// are not tested here: moto 5.2.1 has no <c>PutCompositeAlarm</c> (it answers 500), and their ARNs have the same form.
/// </summary>
[Collection(MotoGroup.Name)]
public sealed class MotoListTagsForResourceTests(IntegratedMotoServer moto)
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    private static async Task<string> ArnOfAsync(CloudWatchClient client, string alarmName)
    {
        var described = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = [alarmName] }, TestContext.Current.CancellationToken);
        return Assert.Single(described.MetricAlarms).AlarmArn!;
    }

    private Task<string> PutMetricAlarmAsync(string name, params string[] tags)
    {
        string[] arguments =
        [
            "cloudwatch", "put-metric-alarm",
            "--alarm-name", name,
            "--namespace", "ContainerInsights",
            "--metric-name", "pod_number_of_container_restarts",
            "--dimensions", "Name=ClusterName,Value=prod", "Name=Namespace,Value=shop",
            "--statistic", "Maximum",
            "--period", "60",
            "--evaluation-periods", "1",
            "--threshold", "3",
            "--comparison-operator", "GreaterThanThreshold",
        ];
        return moto.AwsCliAsync(tags.Length == 0 ? arguments : [.. arguments, "--tags", .. tags]);
    }

    [Fact]
    public async Task The_tags_a_metric_alarm_was_created_with_are_read_back_by_its_ARN()
    {
        moto.RequireAwsCli();
        var name = Unique("eksops-tagged");
        await PutMetricAlarmAsync(name, "Key=eksops:managed,Value=true", "Key=team,Value=payments");
        using var pipeline = moto.Pipeline();
        var client = new CloudWatchClient(pipeline);
        var arn = await ArnOfAsync(client, name);

        var tags = await client.ListTagsForResourceAsync(arn, TestContext.Current.CancellationToken);

        Assert.Equal($"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{name}", arn);
        Assert.Equal(
            new Dictionary<string, string> { ["eksops:managed"] = "true", ["team"] = "payments" },
            tags.ToDictionary(t => t.Key, t => t.Value));
    }

    [Fact]
    public async Task An_alarm_created_without_tags_has_none_and_tags_added_later_are_read()
    {
        moto.RequireAwsCli();
        var name = Unique("eksops-untagged");
        await PutMetricAlarmAsync(name);
        using var pipeline = moto.Pipeline();
        var client = new CloudWatchClient(pipeline);
        var arn = await ArnOfAsync(client, name);

        var before = await client.ListTagsForResourceAsync(arn, TestContext.Current.CancellationToken);
        await moto.AwsCliAsync("cloudwatch", "tag-resource", "--resource-arn", arn, "--tags", "Key=team,Value=checkout");
        var after = await client.ListTagsForResourceAsync(arn, TestContext.Current.CancellationToken);

        Assert.Empty(before);
        Assert.Equal([new ResourceTag("team", "checkout")], after);
    }
}
