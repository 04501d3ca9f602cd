using System.Globalization;
using System.Net;
using System.Text;
using EksOps.Aws.CloudWatch;
using EksOps.Aws.Protocol;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

[Collection(MotoGroup.Name)]
public sealed class MotoCloudWatchTests(IntegratedMotoServer moto)
{
    [Fact]
    public async Task GetMetricData_returns_the_datapoints_written_with_PutMetricData()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60);
        var times = new[] { now.AddMinutes(-3), now.AddMinutes(-2), now.AddMinutes(-1) };
        var datapoints = string.Join(',', times.Select((t, i) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"MetricName":"pod_cpu_utilization","Value":{{(i + 1) * 10.5}},"Timestamp":{{t.ToUnixTimeSeconds()}},"Unit":"Percent","Dimensions":[{"Name":"ClusterName","Value":"prod"},{"Name":"PodName","Value":"api-0"}]}""")));
        // Written raw, independently of our request types: PutMetricData over AWS JSON 1.0.
        await new AwsJsonClient(pipeline, AwsJsonService.CloudWatch).InvokeRawAsync(
            "PutMetricData",
            Encoding.UTF8.GetBytes($$"""{"Namespace":"EksOps/MotoTest","MetricData":[{{datapoints}}]}"""),
            TestContext.Current.CancellationToken);

        var result = await new CloudWatchClient(pipeline).GetMetricDataAsync(
            new GetMetricDataRequest
            {
                MetricDataQueries =
                [
                    MetricDataQuery.ForMetric("cpu", new MetricStat
                    {
                        Metric = new Metric { Namespace = "EksOps/MotoTest", MetricName = "pod_cpu_utilization", Dimensions = [new("ClusterName", "prod"), new("PodName", "api-0")] },
                        Period = 60,
                        Stat = "Maximum",
                    }),
                    MetricDataQuery.ForMetric("other", new MetricStat
                    {
                        Metric = new Metric { Namespace = "EksOps/MotoTest", MetricName = "pod_cpu_utilization", Dimensions = [new("ClusterName", "prod"), new("PodName", "api-9")] },
                        Period = 60,
                        Stat = "Maximum",
                    }),
                ],
                StartTime = now.AddMinutes(-10),
                EndTime = now.AddMinutes(1),
                ScanBy = ScanBy.TimestampAscending,
            },
            TestContext.Current.CancellationToken);

        var cpu = result.Find("cpu")!;
        Assert.Equal("Complete", cpu.StatusCode);
        Assert.Equal(times, cpu.Timestamps.Order());
        Assert.Equal([10.5, 21.0, 31.5], cpu.Timestamps.Zip(cpu.Values).OrderBy(p => p.First).Select(p => p.Second));
        Assert.Empty(result.Find("other")!.Values);
        Assert.Equal(1, result.Pages);
    }

    [Fact]
    public async Task DescribeAlarms_reads_an_alarm_created_with_the_aws_cli()
    {
        moto.RequireAwsCli();
        await moto.AwsCliAsync(
            "cloudwatch", "put-metric-alarm",
            "--alarm-name", "eksops-moto-cpu-high",
            "--alarm-description", "CPU of api pods above 80%",
            "--namespace", "ContainerInsights",
            "--metric-name", "pod_cpu_utilization",
            "--dimensions", "Name=ClusterName,Value=prod", "Name=Namespace,Value=shop",
            "--statistic", "Average",
            "--period", "60",
            "--evaluation-periods", "3",
            "--datapoints-to-alarm", "2",
            "--threshold", "80",
            "--comparison-operator", "GreaterThanThreshold",
            "--treat-missing-data", "breaching",
            "--alarm-actions", "arn:aws:sns:us-east-1:123456789012:eksops");
        using var pipeline = moto.Pipeline();
        var client = new CloudWatchClient(pipeline);

        var byName = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = ["eksops-moto-cpu-high"] }, TestContext.Current.CancellationToken);
        var byPrefix = await client.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNamePrefix = "eksops-moto-" }, TestContext.Current.CancellationToken);

        var alarm = Assert.Single(byName.MetricAlarms);
        Assert.Empty(byName.CompositeAlarms);
        Assert.Equal("CPU of api pods above 80%", alarm.AlarmDescription);
        Assert.Equal("ContainerInsights", alarm.Namespace);
        Assert.Equal("pod_cpu_utilization", alarm.MetricName);
        Assert.Equal([new Dimension("ClusterName", "prod"), new Dimension("Namespace", "shop")], alarm.Dimensions);
        Assert.Equal("Average", alarm.Statistic);
        Assert.Equal(60, alarm.Period);
        Assert.Equal(3, alarm.EvaluationPeriods);
        Assert.Equal(2, alarm.DatapointsToAlarm);
        Assert.Equal(80.0, alarm.Threshold);
        Assert.Equal("GreaterThanThreshold", alarm.ComparisonOperator);
        Assert.Equal("breaching", alarm.TreatMissingData);
        Assert.Equal(["arn:aws:sns:us-east-1:123456789012:eksops"], alarm.AlarmActions);
        Assert.NotNull(alarm.StateValue);
        Assert.InRange(alarm.StateUpdatedTimestamp!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Contains(byPrefix.MetricAlarms, a => a.AlarmName == "eksops-moto-cpu-high");
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_a_signature_error_and_is_not_retried()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(secret: "not-the-secret-moto-issued");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new CloudWatchClient(pipeline).DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Contains("signature", error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, error.Attempts);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task An_access_key_moto_never_issued_is_rejected()
    {
        moto.RequireAvailable();
        using var pipeline = moto.Pipeline(accessKeyId: "AKIAEKSOPSUNKNOWN000");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new CloudWatchClient(pipeline).DescribeAlarmsAsync(new DescribeAlarmsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }
}
