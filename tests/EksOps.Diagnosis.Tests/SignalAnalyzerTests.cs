using EksOps.Diagnosis.Analyzers;
using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Tests;

public sealed class SignalAnalyzerTests
{
    private static List<Finding> Logs(string text)
    {
        var snapshot = Objects.Snapshot();
        snapshot.AddLog(new ObservedLog("payments", "api-1", "app", Previous: false, text, "E1"));
        return [.. new LogAnalyzer().Analyze(snapshot)];
    }

    [Fact]
    public void Repeated_refused_connections_name_the_host()
    {
        var line = """{"level":"error","msg":"acquire connection","error":"failed to connect to `host=payments-db.cluster-x.rds.amazonaws.com user=payments`: dial error (dial tcp 10.0.3.17:5432: connect: connection refused)"}""";
        var finding = Assert.Single(Logs(string.Join('\n', Enumerable.Repeat(line, 4))));
        Assert.Equal(FindingKind.LogConnectionFailure, finding.Kind);
        Assert.Equal("payments-db.cluster-x.rds.amazonaws.com", finding.Details["host"]);
    }

    [Fact]
    public void Timeouts_to_an_address_are_connection_failures() =>
        Assert.Equal("10.40.131.22", Assert.Single(Logs(string.Join('\n', Enumerable.Repeat("redis reconnect lastError=connect ETIMEDOUT 10.40.131.22:6379", 3)))).Details["host"]);

    [Fact]
    public void One_transient_error_is_not_an_outage() => Assert.Empty(Logs("dial tcp 10.0.3.17:5432: connect: connection refused\nrequest ok\nrequest ok"));

    [Fact]
    public void Name_resolution_failures_are_dns_findings_not_connection_failures()
    {
        var line = "Get \"http://catalog-api.catalog.svc.cluster.local/v1/products/1\": dial tcp: lookup catalog-api.catalog.svc.cluster.local on 172.20.0.10:53: no such host";
        var finding = Assert.Single(Logs(string.Join('\n', Enumerable.Repeat(line, 3))));
        Assert.Equal(FindingKind.LogDnsFailure, finding.Kind);
        Assert.Equal("catalog-api.catalog.svc.cluster.local", finding.Details["host"]);
    }

    [Fact]
    public void Out_of_memory_and_crashes_are_found()
    {
        var findings = Logs("started\njava.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3541)");
        Assert.Contains(findings, f => f.Kind == FindingKind.LogOutOfMemory);
        Assert.Contains(findings, f => f.Kind == FindingKind.LogCrash);
    }

    [Fact]
    public void Clean_log_has_no_findings() =>
        Assert.Empty(Logs("""{"level":"info","msg":"request","status":200}""" + "\n" + """{"level":"info","msg":"order placed"}"""));

    [Fact]
    public void Cpu_at_the_limit_is_saturation_and_moderate_cpu_is_not()
    {
        static ClusterSnapshot WithCpu(double value)
        {
            var snapshot = Objects.Snapshot();
            snapshot.AddMetric(new ObservedMetric("ContainerInsights", "pod_cpu_utilization_over_pod_limit",
                new Dictionary<string, string> { ["Namespace"] = "pricing", ["PodName"] = "pricing" },
                [.. Enumerable.Range(0, 6).Select(i => new MetricPoint(Objects.Now.AddMinutes(i - 6), i < 3 ? 45 : value))], "E1"));
            return snapshot;
        }

        Assert.Single(new MetricAnalyzer().Analyze(WithCpu(98)));
        Assert.Empty(new MetricAnalyzer().Analyze(WithCpu(60)));
    }
}
