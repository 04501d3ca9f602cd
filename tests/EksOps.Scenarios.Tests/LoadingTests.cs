using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Alarms;
using EksOps.Incidents;

namespace EksOps.Scenarios.Tests;

public sealed class LoadingTests
{
    private static DateTimeOffset Utc(int hour, int minute, int second = 0, int millisecond = 0) =>
        new(2026, 11, 20, hour, minute, second, millisecond, TimeSpan.Zero);

    [Fact]
    public void A_complete_scenario_with_files_loads_with_every_field()
    {
        string directory = TempScenario.FixturePath("oom-checkout");

        var scenario = ScenarioLoader.Load(directory);

        Assert.Equal("oom-checkout", scenario.Id);
        Assert.Equal("Checkout pods are OOMKilled after a traffic spike", scenario.Title);
        Assert.Equal(Utc(10, 2), scenario.Now);
        Assert.Equal(TimeSpan.Zero, scenario.Now.Offset);
        Assert.Equal(Path.GetFullPath(directory), scenario.Directory);
        Assert.Equal(new ScenarioCluster { Name = "prod-eks", Region = "ap-northeast-2", AccountId = "123456789012", Environment = ClusterEnvironment.Production }, scenario.Cluster);

        Assert.Equal("alarm.json", scenario.Alarm.File);
        Assert.Equal(File.ReadAllBytes(Path.Combine(directory, "alarm.json")), scenario.Alarm.Utf8Json.ToArray());
        Assert.Equal("checkout-memory-high", scenario.Alarm.Json.GetProperty("detail").GetProperty("alarmName").GetString());
        Assert.Equal("checkout-memory-high", scenario.Alarm.StateChange.AlarmName);
        Assert.Equal(AlarmEventShape.EventBridge, scenario.Alarm.StateChange.Source);
        Assert.Equal(AlarmStateValue.Alarm, scenario.Alarm.StateChange.State.Value);

        Assert.Equal(
            ["Deployment/checkout", "Pod/checkout-6d8f7b9c4-x2k9p", "Node/ip-10-0-1-23.ap-northeast-2.compute.internal", "Event/checkout-6d8f7b9c4-x2k9p.17f9c2a1b3c4d5e6"],
            scenario.Objects.Select(o => o["kind"]!.GetValue<string>() + "/" + o["metadata"]!["name"]!.GetValue<string>()));

        Assert.Equal(2, scenario.Logs.Count);
        Assert.Equal(
            new ScenarioLog
            {
                Namespace = "shop", Pod = "checkout-6d8f7b9c4-x2k9p", Container = "app", Previous = true, File = "logs/checkout-previous.log",
                Text = "2026-11-20T09:58:55Z INFO cache warmed: 1.2 GiB\n2026-11-20T09:59:40Z WARN heap usage 98%\n",
            },
            scenario.Logs[0]);
        Assert.False(scenario.Logs[1].Previous);
        Assert.Null(scenario.Logs[1].File);
        Assert.Equal("2026-11-20T10:01:30Z INFO starting checkout v2.3.1\n2026-11-20T10:01:31Z INFO listening on :8080\n", scenario.Logs[1].Text);

        var metric = Assert.Single(scenario.Metrics);
        Assert.Equal("ContainerInsights", metric.Namespace);
        Assert.Equal("pod_memory_utilization_over_pod_limit", metric.MetricName);
        Assert.Equal(["ClusterName", "Namespace", "PodName"], metric.Dimensions.Keys);
        Assert.Equal(["prod-eks", "shop", "checkout"], metric.Dimensions.Values);
        Assert.Equal("Percent", metric.Unit);
        Assert.Equal(60, metric.Period);
        Assert.Equal([new MetricPoint(Utc(9, 58), 91.0), new MetricPoint(Utc(9, 59), 100), new MetricPoint(Utc(10, 0, 0, 500), 97.5)], metric.Points);

        var expect = Assert.IsType<ScenarioExpectation>(scenario.Expect);
        Assert.Equal(RootCause.OomKilled, expect.RootCause);
        Assert.Equal(new ExpectedSubject { Kind = "Deployment", Namespace = "shop", Name = "checkout" }, expect.Subject);
        Assert.Equal([RunbookId.IncreaseMemoryLimit, RunbookId.RollbackDeployment], expect.Remediation.Allowed);
        Assert.Equal([RunbookId.DeletePod], expect.Remediation.Forbidden);
        Assert.True(expect.ApprovalRequired);
    }

    [Fact]
    public void Kubernetes_objects_keep_their_json_types()
    {
        var scenario = ScenarioLoader.Load(TempScenario.FixturePath("oom-checkout"));
        var deployment = scenario.Objects[0];
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(JsonValueKind.Number, deployment["spec"]!["replicas"]!.GetValueKind());
        Assert.Equal(3, deployment["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(JsonValueKind.False, deployment["spec"]!["paused"]!.GetValueKind());
        Assert.Equal("\"7\"", deployment["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToJsonString());
        Assert.Equal("\"2026-10-01T08:00:00Z\"", deployment["metadata"]!["creationTimestamp"]!.ToJsonString());
        Assert.True(deployment["spec"]!["template"]!["metadata"]!.AsObject().ContainsKey("creationTimestamp"));
        Assert.Null(deployment["spec"]!["template"]!["metadata"]!["creationTimestamp"]);
        Assert.Equal("""{"name":"PORT","value":"8080"}""", container["env"]![0]!.ToJsonString());
        Assert.Equal("""{"limits":{"memory":"512Mi","cpu":1},"requests":{"memory":"256Mi","cpu":"250m"}}""", container["resources"]!.ToJsonString());
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<long>());

        var pod = scenario.Objects[1];
        var terminated = pod["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!;
        Assert.Equal("""{"reason":"OOMKilled","exitCode":137,"finishedAt":"2026-11-20T09:59:41Z"}""", terminated.ToJsonString());
        Assert.Equal(JsonValueKind.True, pod["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValueKind());
        Assert.Equal("\"True\"", scenario.Objects[2]["status"]!["conditions"]![0]!["status"]!.ToJsonString());
    }

    [Fact]
    public void Plain_scalars_are_resolved_the_way_kubernetes_reads_yaml()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout").Write("objects.yaml", """
            apiVersion: example.com/v1
            kind: Sample
            metadata: {name: s}
            spec:
              int: 42
              negative: -7
              plusSign: +3
              underscores: 1_000
              hex: 0x1F
              octal: 0644
              octalO: 0o17
              binary: 0b101
              notOctal: 09
              float: 1.5
              exponent: 1e3
              dotFloat: .5
              version: 1.10
              unsigned: 18446744073709551615
              huge: 123456789012345678901234567890
              truthy: [true, True, TRUE, yes, Yes, YES, on, On, ON, y, Y]
              falsy: [false, False, FALSE, no, No, NO, off, Off, OFF, n, N]
              nulls: [~, null, Null, NULL, ]
              empty:
              quoted: ["42", '1.5', "true", 'null', "~", "0644"]
              tagged: [!!str 123, !!int "7", !!float "2", !!bool "yes", !!null "", !!timestamp 2026-11-20]
              nonSpecific: ! 12
              timestamp: 2026-11-20T10:02:00Z
              date: 2026-11-20
              quantity: 512Mi
              word: tRUE
              dash: "-"
              literal: |
                a
                b
              folded: >
                a
                b
              keys: {on: a, "yes": b, 0x10: c, ~: d, 1.50: e}
            """);

        var spec = scenario.Load().Objects.Single()["spec"]!;

        string expected = """
            {"int":42,"negative":-7,"plusSign":3,"underscores":1000,"hex":31,"octal":420,"octalO":15,"binary":5,"notOctal":9,
            "float":1.5,"exponent":1000,"dotFloat":0.5,"version":1.1,"unsigned":18446744073709551615,"huge":1.2345678901234568E+29,
            "truthy":[true,true,true,true,true,true,true,true,true,true,true],
            "falsy":[false,false,false,false,false,false,false,false,false,false,false],
            "nulls":[null,null,null,null],"empty":null,
            "quoted":["42","1.5","true","null","~","0644"],"tagged":["123",7,2,true,null,"2026-11-20"],"nonSpecific":"12",
            "timestamp":"2026-11-20T10:02:00Z","date":"2026-11-20","quantity":"512Mi","word":"tRUE","dash":"-",
            "literal":"a\nb\n","folded":"a b\n","keys":{"true":"a","yes":"b","16":"c","null":"d","1.50":"e"}}
            """;
        Assert.Equal(expected.ReplaceLineEndings(string.Empty), spec.ToJsonString());
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_expanded()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout").Write("objects.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: shop, labels: &labels {app: checkout, tier: web}}
            data:
              base: &base {a: "1", b: "2"}
              copy: *base
              merged: {<<: *base, b: "3", c: "4"}
              mergedList:
                <<: [{x: "1"}, {x: "2", z: "2"}]
              labels: *labels
            """);

        var data = scenario.Load().Objects.Single()["data"]!;

        Assert.Equal("""{"a":"1","b":"2"}""", data["copy"]!.ToJsonString());
        Assert.Equal("""{"b":"3","c":"4","a":"1"}""", data["merged"]!.ToJsonString());
        Assert.Equal("""{"x":"1","z":"2"}""", data["mergedList"]!.ToJsonString());
        Assert.Equal("""{"app":"checkout","tier":"web"}""", data["labels"]!.ToJsonString());
    }

    [Fact]
    public void Inline_alarm_objects_and_logs_load_like_their_file_forms()
    {
        var scenario = ScenarioLoader.Load(TempScenario.FixturePath("inline-forms"));

        Assert.Equal("payments-db-refused", scenario.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 5, 0, TimeSpan.Zero), scenario.Now);
        Assert.Equal(TimeSpan.Zero, scenario.Now.Offset);
        Assert.Equal("123456789012", scenario.Cluster.AccountId);
        Assert.Equal(ClusterEnvironment.Staging, scenario.Cluster.Environment);

        Assert.Null(scenario.Alarm.File);
        Assert.Equal(AlarmEventShape.AlarmAction, scenario.Alarm.StateChange.Source);
        Assert.Equal("payments-5xx", scenario.Alarm.StateChange.AlarmName);
        Assert.Equal(60, scenario.Alarm.StateChange.Configuration.Metrics[0].MetricStat!.Period);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 4, 0, TimeSpan.Zero), scenario.Alarm.StateChange.State.Timestamp);
        using (var reparsed = JsonDocument.Parse(scenario.Alarm.Utf8Json))
        {
            Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-5xx", reparsed.RootElement.GetProperty("alarmArn").GetString());
            Assert.Equal(JsonValueKind.Number, reparsed.RootElement.GetProperty("alarmData").GetProperty("configuration").GetProperty("metrics")[0].GetProperty("metricStat").GetProperty("period").ValueKind);
        }

        Assert.Contains("\"timestamp\":\"2026-11-20T10:04:00.000+0000\"", Encoding.UTF8.GetString(scenario.Alarm.Utf8Json.Span), StringComparison.Ordinal);
        Assert.Equal("ALARM", scenario.Alarm.Json.GetProperty("alarmData").GetProperty("state").GetProperty("value").GetString());
        Assert.Equal(AlarmEventParser.Parse(scenario.Alarm.Utf8Json.Span).AlarmArn, scenario.Alarm.StateChange.AlarmArn);

        Assert.Equal(["Deployment/payments", "Service/payments-db"], scenario.Objects.Select(o => o["kind"] + "/" + o["metadata"]!["name"]));
        Assert.Equal(5432, scenario.Objects[1]["spec"]!["ports"]![0]!["port"]!.GetValue<long>());

        var log = Assert.Single(scenario.Logs);
        Assert.Equal("ERROR dial tcp 10.0.3.7:5432: connect: connection refused\n", log.Text);
        Assert.Null(log.File);
        Assert.Empty(scenario.Metrics);

        var expect = scenario.Expect!;
        Assert.Equal(RootCause.DependencyUnavailable, expect.RootCause);
        Assert.Equal([RunbookId.Escalate], expect.Remediation.Allowed);
        Assert.Equal([RunbookId.RestartRollout, RunbookId.DeletePod], expect.Remediation.Forbidden);
        Assert.False(expect.ApprovalRequired);
    }

    [Fact]
    public void Objects_may_be_a_json_list_as_kubectl_get_o_json_prints_it()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout")
            .Edit("scenario.yaml", "objects: objects.yaml", "objects: cluster.json")
            .Write("cluster.json", """
                {
                  "apiVersion": "v1",
                  "kind": "List",
                  "items": [
                    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}},
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "shop"}, "data": {"port": "8080"}}
                  ],
                  "metadata": {"resourceVersion": ""}
                }
                """);

        var objects = scenario.Load().Objects;

        Assert.Equal(["Namespace", "ConfigMap"], objects.Select(o => o["kind"]!.GetValue<string>()));
        Assert.Equal("""{"port":"8080"}""", objects[1]["data"]!.ToJsonString());
    }

    [Fact]
    public void Empty_documents_are_skipped_and_document_numbers_count_them()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout").Write("objects.yaml", """
            ---
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {}
            """);

        var ex = scenario.Reject();

        Expect.Only(ex, "objects.yaml", "document 3 ($[2]).metadata.name", "expected a non-empty name but the key is missing");
        Assert.Equal(9, ex.Errors[0].Line);
    }

    [Fact]
    public void The_id_defaults_to_the_folder_name()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout", "oom-from-folder");

        Assert.Equal("oom-from-folder", scenario.Load().Id);
    }

    [Fact]
    public void An_explicit_id_wins_over_the_folder_name()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout", "Folder_Name").Edit("scenario.yaml", "title:", "id: oom-2\ntitle:");

        Assert.Equal("oom-2", scenario.Load().Id);
    }

    [Fact]
    public void Objects_are_detached_so_callers_can_add_them_to_arrays_of_their_own()
    {
        var scenario = ScenarioLoader.Load(TempScenario.FixturePath("inline-forms"));

        Assert.All(scenario.Objects, o => Assert.Null(o.Parent));
        var list = new JsonArray([.. scenario.Objects]);
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void Optional_parts_may_be_left_out()
    {
        using var scenario = TempScenario.Empty("bare").Write("scenario.yaml", """
            title: Bare scenario
            now: "2026-11-20T10:02:00Z"
            cluster: {name: dev-eks, region: eu-west-1, accountId: "000000000000", environment: development}
            alarm: alarm.json
            objects: []
            """).Write("alarm.json", File.ReadAllText(Path.Combine(TempScenario.FixturePath("oom-checkout"), "alarm.json")));

        var loaded = scenario.Load();

        Assert.Equal("bare", loaded.Id);
        Assert.Empty(loaded.Objects);
        Assert.Empty(loaded.Logs);
        Assert.Empty(loaded.Metrics);
        Assert.Null(loaded.Expect);
        Assert.Equal("000000000000", loaded.Cluster.AccountId);
    }

    [Fact]
    public void Files_with_a_byte_order_mark_load()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout");
        foreach (string file in new[] { "scenario.yaml", "alarm.json", "objects.yaml" })
        {
            string path = Path.Combine(scenario.Directory, file);
            File.WriteAllText(path, File.ReadAllText(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }

        var loaded = scenario.Load();

        Assert.Equal(4, loaded.Objects.Count);
        Assert.Equal("checkout-memory-high", loaded.Alarm.Json.GetProperty("detail").GetProperty("alarmName").GetString());
    }
}
