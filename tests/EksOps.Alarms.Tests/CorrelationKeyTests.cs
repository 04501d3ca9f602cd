using System.Text.Json.Nodes;

namespace EksOps.Alarms.Tests;

public sealed class CorrelationKeyTests
{
    private static AlarmStateChange Scenario(string name) =>
        AlarmEventParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Scenarios", name, "alarm.json")));

    public static TheoryData<string> Scenarios => [.. Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Scenarios")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("checkout-restarts-prod", "482913370561:ap-northeast-2:k8s:retail-prod-apne2/shop/checkout")]
    [InlineData("checkout-restarts-prod-use1", "771209458316:us-east-1:k8s:core-prod-use1/shop/checkout")]
    [InlineData("cart-memory-staging", "290347815526:eu-west-1:k8s:retail-stg-euw1/shop/cart")]
    [InlineData("notifier-down-dev", "615508227493:us-west-2:k8s:platform-dev-usw2/notifications/notifier")]
    [InlineData("orders-api-running-pods-prod", "771209458316:us-east-1:k8s:core-prod-use1/orders/orders-api")]
    [InlineData("node-disk-usage-prod", "771209458316:us-east-1:k8s:core-prod-use1/node/ip-10-20-70-158.ec2.internal")]
    [InlineData("payments-5xx-prod", "482913370561:ap-northeast-2:alb:targetgroup/k8s-payments-paymentsa-3f9c1e7b2a/6d0ecf831eec9f09")]
    [InlineData("failed-nodes-prod-apne2", "alarm:arn:aws:cloudwatch:ap-northeast-2:482913370561:alarm:retail-prod-apne2-failed-nodes")]
    public void A_scenario_alarm_is_keyed_by_the_workload_its_dimensions_name(string scenario, string expected)
    {
        Assert.Equal(expected, IncidentKeys.CorrelationKey(Scenario(scenario)));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_alarm_has_a_key_a_composite_or_cluster_wide_alarm_its_own_arn(string scenario)
    {
        var change = Scenario(scenario);
        var namesAWorkload = change.Configuration.Metrics.Any(m => m.MetricStat?.Dimensions.Keys
            .Any(d => d is "PodName" or "Service" or "NodeName" or "TargetGroup" or "LoadBalancer") == true);

        var key = IncidentKeys.CorrelationKey(change);

        if (change.Kind == AlarmKind.Composite || !namesAWorkload)
        {
            Assert.Equal("alarm:" + change.AlarmArn, key);
        }
        else
        {
            Assert.StartsWith(change.AccountId + ":" + change.Region + ":", key, StringComparison.Ordinal);
        }

        Assert.Equal(key, IncidentKeys.CorrelationKey(Scenario(scenario)));
    }

    [Fact]
    public void Two_metrics_of_a_metric_math_alarm_on_one_workload_give_one_workload()
    {
        // analytics-api-replicas-short-staging: desired minus running replicas, two metrics with the same dimensions.
        var change = Scenario("analytics-api-replicas-short-staging");

        Assert.Equal(AlarmKind.MetricMath, change.Kind);
        Assert.Equal("290347815526:eu-west-1:k8s:retail-stg-euw1/analytics/analytics-api", IncidentKeys.CorrelationKey(change));
    }

    [Theory]
    [InlineData("cloudwatch-alarm-metric.json", "alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh")]
    [InlineData("cloudwatch-alarm-metric-math.json", "alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:TotalNetworkTrafficTooHigh")]
    [InlineData("cloudwatch-alarm-lambda-action-single.json", "alarm:arn:aws:cloudwatch:eu-west-1:912397435824:alarm:test_alarm")]
    [InlineData("cloudwatch-alarm-composite.json", "alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServiceAggregatedAlarm")]
    public void Sample_events_that_name_no_workload_fall_back_to_their_alarm(string file, string expected)
    {
        Assert.Equal(expected, IncidentKeys.CorrelationKey(EventFiles.Parse(file)));
    }

    [Fact]
    public void A_pod_alarm_and_a_service_alarm_on_the_same_workload_share_a_key()
    {
        var pods = WithMetrics(("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = "checkout" }));
        var service = WithMetrics(("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["Service"] = "checkout" }));
        var other = WithMetrics(("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = "cart" }));

        Assert.Equal("123456789012:us-east-1:k8s:prod/shop/checkout", IncidentKeys.CorrelationKey(pods));
        Assert.Equal(IncidentKeys.CorrelationKey(pods), IncidentKeys.CorrelationKey(service));
        Assert.NotEqual(IncidentKeys.CorrelationKey(pods), IncidentKeys.CorrelationKey(other));
    }

    [Fact]
    public void Metrics_that_name_different_workloads_give_both_sorted()
    {
        var change = WithMetrics(
            ("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = "checkout" }),
            ("AWS/ApplicationELB", new() { ["LoadBalancer"] = "app/k8s-public/abc" }),
            ("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = "cart" }));

        Assert.Equal("123456789012:us-east-1:alb:app/k8s-public/abc+k8s:prod/shop/cart+k8s:prod/shop/checkout", IncidentKeys.CorrelationKey(change));
    }

    [Fact]
    public void A_workload_without_cluster_or_namespace_dimensions_still_keys_by_its_name()
    {
        var change = WithMetrics(("ContainerInsights", new() { ["PodName"] = "checkout" }));

        Assert.Equal("123456789012:us-east-1:k8s:-/-/checkout", IncidentKeys.CorrelationKey(change));
    }

    [Fact]
    public void A_very_long_key_is_cut_and_ends_in_a_digest_of_the_whole()
    {
        var first = WithMetrics(("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = new string('a', 600) + "1" }));
        var second = WithMetrics(("ContainerInsights", new() { ["ClusterName"] = "prod", ["Namespace"] = "shop", ["PodName"] = new string('a', 600) + "2" }));

        var key = IncidentKeys.CorrelationKey(first);

        Assert.Equal(IncidentKeys.MaxCorrelationKeyLength, key.Length);
        Assert.Matches("#[0-9a-f]{64}$", key);
        Assert.NotEqual(key, IncidentKeys.CorrelationKey(second));
    }

    [Fact]
    public void The_cluster_is_named_when_the_metrics_agree_on_one()
    {
        Assert.Equal("retail-prod-apne2", IncidentKeys.ClusterName(Scenario("checkout-restarts-prod")));
        Assert.Null(IncidentKeys.ClusterName(Scenario("payments-5xx-prod")));
        Assert.Null(IncidentKeys.ClusterName(WithMetrics(
            ("ContainerInsights", new() { ["ClusterName"] = "prod" }),
            ("ContainerInsights", new() { ["ClusterName"] = "staging" }))));
    }

    /// <summary>The metric sample with its metrics replaced by metrics with these namespaces and dimensions.</summary>
    private static AlarmStateChange WithMetrics(params (string Namespace, Dictionary<string, string> Dimensions)[] metrics)
    {
        var root = EventFiles.Node("cloudwatch-alarm-metric.json");
        var list = new JsonArray();
        for (var i = 0; i < metrics.Length; i++)
        {
            var dimensions = new JsonObject();
            foreach (var (name, value) in metrics[i].Dimensions)
            {
                dimensions[name] = value;
            }

            list.Add(new JsonObject
            {
                ["id"] = "m" + i,
                ["metricStat"] = new JsonObject
                {
                    ["metric"] = new JsonObject { ["namespace"] = metrics[i].Namespace, ["name"] = "metric" + i, ["dimensions"] = dimensions },
                    ["period"] = 60,
                    ["stat"] = "Average",
                },
                ["returnData"] = i == 0,
            });
        }

        root["detail"]!["configuration"]!["metrics"] = list;
        return AlarmEventParser.Parse(root.ToJsonString());
    }
}
