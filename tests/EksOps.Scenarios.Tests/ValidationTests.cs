namespace EksOps.Scenarios.Tests;

/// <summary>One test (or theory) per validation rule: a corrupted copy of a valid fixture, and the error it must produce.</summary>
public sealed class ValidationTests
{
    private const string Scenario = "scenario.yaml";

    private static TempScenario Oom() => TempScenario.CopyOf("oom-checkout");

    [Theory]
    [InlineData("now: ", "colour: blue\nnow: ", "$.colour", 2, 1)]
    [InlineData("  environment: production", "  environment: production\n  zone: a", "$.cluster.zone", 8, 3)]
    [InlineData("    previous: true", "    previous: true\n    follow: true", "$.logs[0].follow", 15, 5)]
    [InlineData("    unit: Percent", "    unit: Percent\n    stat: Maximum", "$.metrics[0].stat", 27, 5)]
    [InlineData("  approvalRequired: true", "  approvalRequired: true\n  confidence: high", "$.expect.confidence", 39, 3)]
    [InlineData("name: checkout}", "name: checkout, uid: x}", "$.expect.subject.uid", 34, 64)]
    [InlineData("    forbidden: [delete-pod]", "    forbidden: [delete-pod]\n    preferred: [rollback-deployment]", "$.expect.remediation.preferred", 38, 5)]
    public void Unknown_keys_are_errors_wherever_they_appear(string oldText, string newText, string path, int line, int column)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);

        var error = Expect.Only(scenario.Reject(), Scenario, path, "expected one of the keys ", "but found the unknown key \"" + path[(path.LastIndexOf('.') + 1)..] + "\"");

        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void An_unknown_key_in_an_inline_alarm_is_not_an_error_because_the_alarm_parser_ignores_unknown_properties()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "  source: aws.cloudwatch", "  source: aws.cloudwatch\n  extra: 1");

        Assert.Equal("payments-5xx", scenario.Load().Alarm.StateChange.AlarmName);
    }

    [Fact]
    public void A_root_cause_outside_the_taxonomy_is_rejected()
    {
        using var scenario = Oom().Edit(Scenario, "rootCause: oom-killed", "rootCause: out-of-memory");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.expect.rootCause", "expected a root-cause id (app-crash, oom-killed, ", "unknown) but found \"out-of-memory\"");
        Assert.Equal((33, 14), (error.Line, error.Column));
    }

    [Fact]
    public void A_runbook_outside_the_catalogue_is_rejected_at_its_index()
    {
        using var scenario = Oom().Edit(Scenario, "[increase-memory-limit, rollback-deployment]", "[increase-memory-limit, reboot-node]");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.expect.remediation.allowed[1]", "expected a runbook id (restart-rollout, ", "escalate) but found \"reboot-node\"");
        Assert.Equal((36, 38), (error.Line, error.Column));
        Assert.Equal("scenario.yaml: $.expect.remediation.allowed[1] (line 36, column 38): " + error.Problem, error.ToString());
    }

    [Fact]
    public void A_forbidden_runbook_outside_the_catalogue_is_rejected_too()
    {
        using var scenario = Oom().Edit(Scenario, "forbidden: [delete-pod]", "forbidden: [delete-pod, kill-node]");

        Expect.Only(scenario.Reject(), Scenario, "$.expect.remediation.forbidden[1]", "but found \"kill-node\"");
    }

    [Fact]
    public void A_runbook_may_not_be_both_allowed_and_forbidden()
    {
        using var scenario = Oom().Edit(Scenario, "forbidden: [delete-pod]", "forbidden: [delete-pod, rollback-deployment]");

        Expect.Only(scenario.Reject(), Scenario, "$.expect.remediation.forbidden[1]", "expected runbooks that allowed does not list but found \"rollback-deployment\"");
    }

    [Fact]
    public void A_runbook_may_be_listed_only_once()
    {
        using var scenario = Oom().Edit(Scenario, "[increase-memory-limit, rollback-deployment]", "[increase-memory-limit, increase-memory-limit]");

        Expect.Only(scenario.Reject(), Scenario, "$.expect.remediation.allowed[1]", "expected each runbook once but found \"increase-memory-limit\" again");
    }

    [Fact]
    public void At_least_one_runbook_must_be_allowed()
    {
        using var scenario = Oom().Edit(Scenario, "[increase-memory-limit, rollback-deployment]", "[]");

        Expect.Only(scenario.Reject(), Scenario, "$.expect.remediation.allowed", "expected at least one runbook id (escalate when no remediation can help) but found an empty sequence");
    }

    [Theory]
    [InlineData("staging", "[restart-rollout, rollback-deployment]", "true")]
    [InlineData("staging", "[restart-rollout, rollback-deployment]", "false")]
    [InlineData("development", "[drain-node]", "true")]
    [InlineData("production", "[escalate]", "false")]
    [InlineData("development", "[increase-memory-limit]", "true")]
    public void Approval_required_is_read_as_written(string environment, string allowed, string approval)
    {
        using var scenario = Oom()
            .Edit(Scenario, "environment: production", "environment: " + environment)
            .Edit(Scenario, "[increase-memory-limit, rollback-deployment]", allowed)
            .Edit(Scenario, "approvalRequired: true", "approvalRequired: " + approval);

        Assert.Equal(bool.Parse(approval), scenario.Load().Expect!.ApprovalRequired);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("Production")]
    [InlineData("test")]
    public void An_environment_other_than_production_staging_or_development_is_rejected(string environment)
    {
        using var scenario = Oom().Edit(Scenario, "environment: production", "environment: " + environment);

        var error = Expect.Only(scenario.Reject(), Scenario, "$.cluster.environment", "expected one of production, staging, development but found \"" + environment + "\"");
        Assert.Equal((7, 16), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("Checkout-OOM", "\"Checkout-OOM\"")]
    [InlineData("oom_checkout", "\"oom_checkout\"")]
    [InlineData("\"oom checkout\"", "\"oom checkout\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("~", "null")]
    [InlineData("[a]", "a sequence")]
    [InlineData("\"oom\\n\"", "\"oom\\n\"")]
    public void An_id_that_is_not_lowercase_kebab_case_is_rejected(string id, string found)
    {
        using var scenario = Oom().Edit(Scenario, "title:", "id: " + id + "\ntitle:");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.id", "expected an id of lowercase letters, digits and '-' ([a-z0-9-]+) but found " + found);
        Assert.Equal((1, 5), (error.Line, error.Column));
    }

    [Fact]
    public void A_folder_name_that_is_not_an_id_needs_an_explicit_id()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout", "OOM Checkout");

        Expect.Only(scenario.Reject(), Scenario, "$.id", "but the key is missing and the folder name \"OOM Checkout\" is not one; add id: or rename the folder");
    }

    [Theory]
    [InlineData("alarm.json", "$.alarm", "expected the file \"alarm.json\" to exist in the scenario folder but it does not", 8)]
    [InlineData("objects.yaml", "$.objects", "expected the file \"objects.yaml\" to exist in the scenario folder but it does not", 9)]
    [InlineData("logs/checkout-previous.log", "$.logs[0].file", "expected the file \"logs/checkout-previous.log\" to exist in the scenario folder but it does not", 15)]
    public void A_missing_referenced_file_is_reported_at_the_key_that_names_it(string file, string path, string problem, int line)
    {
        using var scenario = Oom().Delete(file);

        var error = Expect.Only(scenario.Reject(), Scenario, path, problem);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_referenced_folder_is_not_a_file()
    {
        using var scenario = Oom().Edit(Scenario, "alarm: alarm.json", "alarm: logs");

        Expect.Only(scenario.Reject(), Scenario, "$.alarm", "expected a file but \"logs\" is a folder");
    }

    [Theory]
    [InlineData("alarm: alarm.json", "alarm: ../alarm.json", "$.alarm", "expected a file inside the scenario folder but \"../alarm.json\" leads outside it")]
    [InlineData("objects: objects.yaml", "objects: logs/../../objects.yaml", "$.objects", "expected a file inside the scenario folder but \"logs/../../objects.yaml\" leads outside it")]
    [InlineData("file: logs/checkout-previous.log", "file: ../outside.log", "$.logs[0].file", "expected a file inside the scenario folder but \"../outside.log\" leads outside it")]
    [InlineData("alarm: alarm.json", "alarm: /etc/hostname", "$.alarm", "expected a file path relative to the scenario folder but found the absolute path \"/etc/hostname\"")]
    [InlineData("file: logs/checkout-previous.log", "file: logs\\checkout-previous.log", "$.logs[0].file", "expected a relative file path with '/' separators but found \"logs\\\\checkout-previous.log\"")]
    public void A_file_reference_may_not_leave_the_scenario_folder(string oldText, string newText, string path, string problem)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);
        // The targets exist, so only the escape is wrong.
        File.Copy(Path.Combine(scenario.Directory, "alarm.json"), Path.Combine(scenario.Root, "alarm.json"));
        File.Copy(Path.Combine(scenario.Directory, "objects.yaml"), Path.Combine(scenario.Root, "objects.yaml"));
        File.WriteAllText(Path.Combine(scenario.Root, "outside.log"), "outside\n");

        Expect.Only(scenario.Reject(), Scenario, path, problem);
    }

    [Fact]
    public void A_reference_that_goes_out_and_back_in_stays_inside()
    {
        using var scenario = Oom().Edit(Scenario, "file: logs/checkout-previous.log", "file: logs/../logs/./checkout-previous.log");

        Assert.Equal("logs/checkout-previous.log", scenario.Load().Logs[0].File);
    }

    [Fact]
    public void An_alarm_file_the_alarm_parser_rejects_is_reported_with_the_parsers_json_path()
    {
        using var scenario = Oom().Edit("alarm.json", "\"value\": \"ALARM\"", "\"value\": \"FIRING\"");

        var error = Expect.Only(scenario.Reject(), "alarm.json", "$.detail.state.value",
            "invalid CloudWatch alarm event: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"FIRING\"");
        Assert.Null(error.Line);
    }

    [Fact]
    public void An_alarm_file_that_is_not_json_is_reported_with_the_line()
    {
        using var scenario = Oom().Edit("alarm.json", "\"source\": \"aws.cloudwatch\",", "\"source\": aws.cloudwatch,");

        var error = Expect.Only(scenario.Reject(), "alarm.json", "$", "invalid CloudWatch alarm event: expected a JSON object but the input is not valid JSON");
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void An_alarm_configuration_change_event_is_not_an_alarm()
    {
        using var scenario = Oom().Edit("alarm.json", "\"CloudWatch Alarm State Change\"", "\"CloudWatch Alarm Configuration Change\"");

        Expect.Only(scenario.Reject(), "alarm.json", "$.detail-type", "alarm configuration changes (create, update, delete) are not state changes");
    }

    [Fact]
    public void An_inline_alarm_the_alarm_parser_rejects_is_reported_inside_scenario_yaml_with_its_line()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "      value: ALARM", "      value: FIRING");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.alarm.alarmData.state.value", "expected one of OK, ALARM, INSUFFICIENT_DATA but found \"FIRING\"");
        Assert.Equal((19, 14), (error.Line, error.Column));
    }

    [Fact]
    public void An_inline_alarm_missing_a_required_member_points_at_the_mapping_that_lacks_it()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "    alarmName: payments-5xx\n", string.Empty);

        var error = Expect.Only(scenario.Reject(), Scenario, "$.alarm.alarmData.alarmName", "expected a non-empty string but the property is missing");
        Assert.Equal((17, 5), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("alarm: [a, b]", "a sequence")]
    [InlineData("alarm: 42", "the number 42")]
    [InlineData("alarm: ~", "null")]
    public void The_alarm_is_a_file_name_or_a_mapping(string alarm, string found)
    {
        using var scenario = Oom().Edit(Scenario, "alarm: alarm.json", alarm);

        Expect.Only(scenario.Reject(), Scenario, "$.alarm", "expected a file name (such as alarm.json) or the event inline as a mapping but found " + found);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\n", "kind: Deployment\n", "document 1 ($[0]).apiVersion", "expected an apiVersion such as \"v1\" or \"apps/v1\" but the key is missing")]
    [InlineData("apiVersion: v1\nkind: Pod\n", "apiVersion: v1\n", "document 2 ($[1]).kind", "expected a kind such as \"Pod\" or \"Deployment\" but the key is missing")]
    [InlineData("  name: checkout-6d8f7b9c4-x2k9p\n  namespace: shop\n  ownerReferences", "  namespace: shop\n  ownerReferences", "document 2 ($[1]).metadata.name", "expected a non-empty name but the key is missing")]
    [InlineData("      name: ip-10-0-1-23.ap-northeast-2.compute.internal\n      labels", "      labels", "document 3 ($[2]).items[0].metadata.name", "expected a non-empty name but the key is missing")]
    [InlineData("\nkind: Pod\nmetadata:\n", "\nkind: Pod\nmetadata: checkout\nlabels:\n", "document 2 ($[1]).metadata", "expected a metadata mapping with at least a name but found \"checkout\"")]
    [InlineData("kind: Deployment\n", "kind: deployment\n", "document 1 ($[0]).kind", "expected a kind such as \"Pod\" or \"Deployment\" but found \"deployment\"")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\n", "apiVersion: apps\nkind: Deployment\n", "document 1 ($[0]).apiVersion", "but found \"apps\"")]
    [InlineData("  name: checkout\n  namespace: shop\n  uid", "  name: 42\n  namespace: shop\n  uid", "document 1 ($[0]).metadata.name", "expected a non-empty name but found the number 42")]
    public void Objects_need_api_version_kind_and_metadata_name(string oldText, string newText, string path, string problem)
    {
        using var scenario = Oom().Edit("objects.yaml", oldText, newText);

        var error = Expect.Only(scenario.Reject(), "objects.yaml", path, problem);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Inline_objects_are_checked_at_their_index_in_scenario_yaml()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "        metadata: {name: payments-db, namespace: pay}", "        metadata: {namespace: pay}");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.objects[1].items[0].metadata.name", "expected a non-empty name but the key is missing");
        Assert.Equal((48, 19), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("- plain", "a Kubernetes object (a mapping with apiVersion, kind and metadata.name) but found \"plain\"")]
    [InlineData("- [a, b]", "but found a sequence (give several objects as separate YAML documents or as a v1 List)")]
    public void Every_object_is_a_mapping(string item, string problem)
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "objects:\n", "objects:\n  " + item + "\n");

        Expect.Only(scenario.Reject(), Scenario, "$.objects[0]", problem);
    }

    [Fact]
    public void The_same_object_twice_is_rejected_naming_where_it_first_appeared()
    {
        using var scenario = Oom().Edit("objects.yaml", "---\napiVersion: v1\nkind: List", "---\napiVersion: v1\nkind: Pod\nmetadata: {namespace: shop, name: checkout-6d8f7b9c4-x2k9p}\n---\napiVersion: v1\nkind: List");

        var error = Expect.Only(scenario.Reject(), "objects.yaml", "document 3 ($[2])",
            "expected each object once (by API group, kind, namespace and name) but found Pod shop/checkout-6d8f7b9c4-x2k9p again; it is first defined at objects.yaml: document 2 ($[1])");
        Assert.Equal(79, error.Line);
    }

    [Fact]
    public void The_same_object_under_another_version_of_its_api_group_is_a_duplicate_too()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "      - apiVersion: v1\n        kind: Service", "      - apiVersion: apps/v1beta2\n        kind: Deployment\n        metadata: {name: payments, namespace: pay}\n      - apiVersion: v1\n        kind: Service");

        Expect.Only(scenario.Reject(), Scenario, "$.objects[1].items[0]", "found Deployment.apps pay/payments again; it is first defined at scenario.yaml: $.objects[0]");
    }

    [Fact]
    public void Objects_with_the_same_name_in_other_namespaces_or_kinds_are_distinct()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "      - apiVersion: v1\n        kind: Service", "      - apiVersion: apps/v1\n        kind: Deployment\n        metadata: {name: payments, namespace: other}\n      - apiVersion: v1\n        kind: Service\n        metadata: {name: payments, namespace: pay}\n      - apiVersion: v1\n        kind: Service");

        Assert.Equal(4, scenario.Load().Objects.Count);
    }

    [Fact]
    public void A_list_must_be_v1_and_have_items()
    {
        using var scenario = Oom().Edit("objects.yaml", "apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:", "apiVersion: v2\nkind: List\nmetadata:\n  resourceVersion: \"\"\nentries:");

        var ex = scenario.Reject();

        Assert.Equal(3, ex.Errors.Count);
        Expect.Has(ex, "objects.yaml", "document 3 ($[2]).entries", "expected one of the keys apiVersion, kind, metadata, items but found the unknown key \"entries\"");
        Expect.Has(ex, "objects.yaml", "document 3 ($[2]).apiVersion", "expected \"v1\" (a List is apiVersion v1, kind List) but found \"v2\"");
        Expect.Has(ex, "objects.yaml", "document 3 ($[2]).items", "expected the list's objects as a sequence (items:) but the key is missing");
    }

    [Fact]
    public void Metric_points_must_be_in_ascending_time_order()
    {
        using var scenario = Oom().Edit(Scenario, "[\"2026-11-20T09:59:00Z\", 100]", "[\"2026-11-20T09:57:00Z\", 100]");

        var error = Expect.Only(scenario.Reject(), Scenario, "$.metrics[0].points[1][0]",
            "expected points in strictly ascending time order but found \"2026-11-20T09:57:00Z\", which is not after the previous point's 2026-11-20T09:58:00Z");
        Assert.Equal((30, 10), (error.Line, error.Column));
    }

    [Fact]
    public void Metric_points_at_the_same_instant_are_not_ascending()
    {
        using var scenario = Oom().Edit(Scenario, "[\"2026-11-20T09:59:00Z\", 100]", "[\"2026-11-20T18:58:00+09:00\", 100]");

        Expect.Only(scenario.Reject(), Scenario, "$.metrics[0].points[1][0]", "expected points in strictly ascending time order");
    }

    [Theory]
    [InlineData("[\"2026-11-20T09:59:00Z\", \"100\"]", "$.metrics[0].points[1][1]", "expected a finite number but found \"100\"")]
    [InlineData("[\"2026-11-20T09:59:00Z\", ~]", "$.metrics[0].points[1][1]", "expected a finite number but found null")]
    [InlineData("[\"2026-11-20T09:59:00Z\", .nan]", "$.metrics[0].points[1][1]", "expected a value JSON can represent but found .nan (infinity and NaN have no JSON form; quote it for a string)")]
    [InlineData("[\"2026-11-20T09:59:00Z\"]", "$.metrics[0].points[1]", "expected a point [ISO-8601 timestamp, number], such as [\"2026-11-20T09:58:00Z\", 91.0] but found a sequence of 1 item")]
    [InlineData("[\"2026-11-20T09:59:00Z\", 100, 1]", "$.metrics[0].points[1]", "but found a sequence of 3 items")]
    [InlineData("{t: \"2026-11-20T09:59:00Z\", v: 100}", "$.metrics[0].points[1]", "but found a mapping")]
    [InlineData("[100, \"2026-11-20T09:59:00Z\"]", "$.metrics[0].points[1][0]", "expected an ISO-8601 instant with a time zone, such as \"2026-11-20T10:02:00Z\" but found the number 100")]
    [InlineData("[\"2026-11-20 09:59\", 100]", "$.metrics[0].points[1][0]", "expected an ISO-8601 instant with a time zone, such as \"2026-11-20T10:02:00Z\" but found \"2026-11-20 09:59\"")]
    public void Metric_points_must_be_timestamp_number_pairs(string point, string path, string problem)
    {
        using var scenario = Oom().Edit(Scenario, "[\"2026-11-20T09:59:00Z\", 100]", point);

        Expect.Only(scenario.Reject(), Scenario, path, problem);
    }

    [Theory]
    [InlineData("period: 60", "period: 45", "$.metrics[0].period", "expected a period in seconds: 1, 5, 10, 20, 30 or a multiple of 60 but found the number 45")]
    [InlineData("period: 60", "period: \"60\"", "$.metrics[0].period", "but found \"60\"")]
    [InlineData("unit: Percent", "unit: percent", "$.metrics[0].unit", "expected a CloudWatch unit (Seconds, ")]
    [InlineData("dimensions: {ClusterName: prod-eks, Namespace: shop, PodName: checkout}", "dimensions: {ClusterName: prod-eks, Namespace: ~}", "$.metrics[0].dimensions.Namespace", "expected a non-empty dimension value but found null")]
    [InlineData("    metricName: pod_memory_utilization_over_pod_limit\n", "", "$.metrics[0].metricName", "expected a metric name but the key is missing")]
    public void Metrics_name_a_real_cloudwatch_metric(string oldText, string newText, string path, string problem)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);

        Expect.Only(scenario.Reject(), Scenario, path, problem);
    }

    [Theory]
    [InlineData("\"2026-11-20\"", "\"2026-11-20\"")]
    [InlineData("\"2026-11-20T10:02:00\"", "\"2026-11-20T10:02:00\"")]
    [InlineData("\"2026-11-20 10:02:00Z\"", "\"2026-11-20 10:02:00Z\"")]
    [InlineData("\"2026-13-20T10:02:00Z\"", "\"2026-13-20T10:02:00Z\"")]
    [InlineData("yesterday", "\"yesterday\"")]
    [InlineData("1763632920", "the number 1763632920")]
    [InlineData("~", "null")]
    public void Now_must_be_an_iso_8601_instant(string now, string found)
    {
        using var scenario = Oom().Edit(Scenario, "now: \"2026-11-20T10:02:00Z\"", "now: " + now);

        var error = Expect.Only(scenario.Reject(), Scenario, "$.now", "expected an ISO-8601 instant with a time zone, such as \"2026-11-20T10:02:00Z\" but found " + found);
        Assert.Equal((2, 6), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("2026-11-20T10:02:00Z")]
    [InlineData("2026-11-20T10:02:00.000+0000")]
    [InlineData("2026-11-20T19:02:00+09:00")]
    [InlineData("2026-11-20T05:02:00.000000000-05:00")]
    public void Now_accepts_every_iso_8601_instant_form_and_normalizes_to_utc(string now)
    {
        using var scenario = Oom().Edit(Scenario, "now: \"2026-11-20T10:02:00Z\"", "now: " + now);

        var loaded = scenario.Load();

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 2, 0, TimeSpan.Zero), loaded.Now);
        Assert.Equal(TimeSpan.Zero, loaded.Now.Offset);
    }

    [Theory]
    [InlineData("    file: logs/checkout-previous.log", "    file: logs/checkout-previous.log\n    text: inline", "both")]
    [InlineData("    file: logs/checkout-previous.log\n", "", "neither")]
    public void A_log_entry_has_exactly_one_of_file_and_text(string oldText, string newText, string found)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);

        var error = Expect.Only(scenario.Reject(), Scenario, "$.logs[0]", "expected exactly one of file and text but found " + found);
        Assert.Equal((11, 5), (error.Line, error.Column));
    }

    [Fact]
    public void A_container_instance_has_one_log_entry()
    {
        using var scenario = Oom().Edit(Scenario, "    container: app\n    text: |", "    container: app\n    previous: true\n    text: |");

        Expect.Only(scenario.Reject(), Scenario, "$.logs[1]", "expected one entry per container instance but found shop/checkout-6d8f7b9c4-x2k9p container app (previous) again; it is first given at $.logs[0]");
    }

    [Theory]
    [InlineData("    previous: true", "    previous: maybe", "$.logs[0].previous", "expected true or false but found \"maybe\"")]
    [InlineData("    container: app\n    previous", "    previous", "$.logs[0].container", "expected the container name but the key is missing")]
    public void Log_entries_name_a_container_instance(string oldText, string newText, string path, string problem)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);

        Expect.Only(scenario.Reject(), Scenario, path, problem);
    }

    [Theory]
    [InlineData("title: Checkout pods are OOMKilled after a traffic spike\n", "", "$.title", "expected a non-empty string but the key is missing", 1)]
    [InlineData("  accountId: \"123456789012\"\n", "", "$.cluster.accountId", "expected a 12-digit AWS account id (quote it: \"123456789012\") but the key is missing", 4)]
    [InlineData("  accountId: \"123456789012\"", "  accountId: \"12345\"", "$.cluster.accountId", "expected a 12-digit AWS account id (quote it: \"123456789012\") but found \"12345\"", 6)]
    [InlineData("  region: ap-northeast-2", "  region: Seoul", "$.cluster.region", "expected an AWS Region such as \"ap-northeast-2\" but found \"Seoul\"", 5)]
    [InlineData("alarm: alarm.json\n", "", "$.alarm", "expected a file name (such as alarm.json) or the event inline as a mapping but the key is missing", 1)]
    [InlineData("objects: objects.yaml\n", "", "$.objects", "expected a file name (such as objects.yaml) or the objects inline as a sequence but the key is missing", 1)]
    [InlineData("  approvalRequired: true\n", "", "$.expect.approvalRequired", "expected true or false but the key is missing", 33)]
    [InlineData("  subject: {kind: Deployment, namespace: shop, name: checkout}\n", "", "$.expect.subject", "expected a mapping with kind, name and (for namespaced objects) namespace but the key is missing", 33)]
    [InlineData("{kind: Deployment, namespace: shop, name: checkout}", "{kind: Deployment, namespace: shop}", "$.expect.subject.name", "expected the object's name but the key is missing", 34)]
    public void Required_keys_must_be_present_and_well_formed(string oldText, string newText, string path, string problem, int line)
    {
        using var scenario = Oom().Edit(Scenario, oldText, newText);

        var error = Expect.Only(scenario.Reject(), Scenario, path, problem);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Yaml_syntax_errors_are_reported_with_their_line()
    {
        using var scenario = Oom().Edit(Scenario, "forbidden: [delete-pod]", "forbidden: [delete-pod");

        var error = Expect.Only(scenario.Reject(), Scenario, "$", "expected valid YAML but found an error");
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 37, 39);
    }

    [Fact]
    public void Duplicate_keys_are_yaml_errors()
    {
        using var scenario = Oom().Edit(Scenario, "  region: ap-northeast-2", "  region: ap-northeast-2\n  region: us-east-1");

        var error = Expect.Only(scenario.Reject(), Scenario, "$", "expected valid YAML but found an error: Duplicate key");
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void Keys_that_kubernetes_would_read_as_the_same_name_are_duplicates()
    {
        using var scenario = Oom().Edit("objects.yaml", "  paused: false", "  paused: false\n  true: 1\n  on: 2");

        Expect.Only(scenario.Reject(), "objects.yaml", "document 1 ($[0]).spec.true", "expected each key once but found \"true\" again");
    }

    [Fact]
    public void Tags_other_than_the_standard_ones_are_rejected()
    {
        using var scenario = Oom().Edit("objects.yaml", "spec:\n  replicas: 3", "spec:\n  replicas: !Ref Replicas");

        Expect.Only(scenario.Reject(), "objects.yaml", "document 1 ($[0]).spec.replicas", "expected plain YAML (the standard tags", "but found the tag !Ref");
    }

    [Fact]
    public void A_recursive_alias_is_reported_instead_of_overflowing_the_stack()
    {
        using var scenario = Oom().Edit("objects.yaml", "spec:\n  replicas: 3", "spec:\n  replicas: &loop [*loop]");

        var error = Expect.Only(scenario.Reject(), "objects.yaml", "document 1 ($[0])", "expected aliases that do not contain themselves but found a recursive alias");
        Assert.Equal((3, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Alias_expansion_is_bounded()
    {
        using var scenario = Oom().Edit("objects.yaml", "spec:\n  replicas: 3", """
            spec:
              a: &a [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
              e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
              f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
              g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
              replicas: 3
            """);

        Expect.Only(scenario.Reject(), "objects.yaml", "document 1 ($[0])", "expected at most 1000000 values after expanding aliases but found more");
    }

    [Fact]
    public void Nesting_is_bounded_before_the_yaml_is_loaded()
    {
        using var scenario = Oom().Edit("objects.yaml", "  replicas: 3\n  paused", "  replicas: " + new string('[', 5000) + new string(']', 5000) + "\n  paused");

        Expect.Only(scenario.Reject(), "objects.yaml", "$", "expected at most 100 levels of nesting but found more");
    }

    [Theory]
    [InlineData(Scenario, "title: Checkout", "title: !Ref Checkout", "$.title")]
    [InlineData(Scenario, "      - [\"2026-11-20T09:59:00Z\", 100]", "      - !Point [\"2026-11-20T09:59:00Z\", 100]", "$.metrics[0].points[1]")]
    [InlineData(Scenario, "[increase-memory-limit, rollback-deployment]", "[increase-memory-limit, !Ref x]", "$.expect.remediation.allowed[1]")]
    [InlineData("objects.yaml", "  replicas: 3\n  paused", "  replicas: !Ref x\n  paused", "document 1 ($[0]).spec.replicas")]
    [InlineData("objects.yaml", "---\napiVersion: apps/v1", "--- !Deployment\napiVersion: apps/v1", "document 1 ($[0])")]
    public void A_value_that_cannot_be_converted_is_reported_once(string file, string oldText, string newText, string path)
    {
        using var scenario = Oom().Edit(file, oldText, newText);

        Expect.Only(scenario.Reject(), file, path, "expected plain YAML (the standard tags");
    }

    [Fact]
    public void A_value_that_cannot_be_converted_inside_an_inline_alarm_is_reported_once()
    {
        using var scenario = TempScenario.CopyOf("inline-forms").Edit(Scenario, "      value: ALARM", "      value: !State ALARM");

        Expect.Only(scenario.Reject(), Scenario, "$.alarm.alarmData.state.value", "but found the tag !State");
    }

    [Theory]
    [InlineData("title: x\n---\ntitle: y\n", "expected one YAML document (a mapping with title, now, cluster, alarm, objects …) but found 2 documents")]
    [InlineData("", "expected one YAML document (a mapping with title, now, cluster, alarm, objects …) but found 0 documents")]
    [InlineData("- title: x\n", "expected a mapping with title, now, cluster, alarm, objects … but found a sequence")]
    public void Scenario_yaml_is_one_mapping(string content, string problem)
    {
        using var scenario = Oom().Write(Scenario, content);

        Expect.Only(scenario.Reject(), Scenario, "$", problem);
    }

    [Fact]
    public void A_folder_without_scenario_yaml_is_an_invalid_scenario()
    {
        using var scenario = TempScenario.Empty("empty");

        Expect.Only(scenario.Reject(), Scenario, "$", "expected the file scenario.yaml in the scenario folder but it does not exist");
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_not_a_scenario_error()
    {
        using var scenario = TempScenario.Empty("empty");

        Assert.Throws<DirectoryNotFoundException>(() => ScenarioLoader.Load(Path.Combine(scenario.Directory, "missing")));
        Assert.Throws<ArgumentException>(() => ScenarioLoader.Load(string.Empty));
    }

    [Fact]
    public void Every_error_of_a_scenario_is_reported_together_in_file_order()
    {
        using var scenario = Oom()
            .Edit(Scenario, "now: \"2026-11-20T10:02:00Z\"", "now: soon")
            .Edit(Scenario, "environment: production", "environment: prod")
            .Edit(Scenario, "    container: app\n    previous: true", "    previous: true")
            .Edit(Scenario, "[\"2026-11-20T09:59:00Z\", 100]", "[\"2026-11-20T09:50:00Z\", 100]")
            .Edit(Scenario, "rootCause: oom-killed", "rootCause: oom")
            .Edit(Scenario, "[increase-memory-limit, rollback-deployment]", "[increase-memory-limit, reboot]")
            .Edit("alarm.json", "\"alarmName\": \"checkout-memory-high\",", string.Empty)
            .Edit("objects.yaml", "\nkind: Pod\n", "\nkind: pod\n")
            .Edit("objects.yaml", "      name: ip-10-0-1-23.ap-northeast-2.compute.internal\n", string.Empty);

        var ex = scenario.Reject();

        Assert.Equal(
            [
                "scenario.yaml: $.now",
                "scenario.yaml: $.cluster.environment",
                "alarm.json: $.detail.alarmName",
                "objects.yaml: document 2 ($[1]).kind",
                "objects.yaml: document 3 ($[2]).items[0].metadata.name",
                "scenario.yaml: $.logs[0].container",
                "scenario.yaml: $.metrics[0].points[1][0]",
                "scenario.yaml: $.expect.rootCause",
                "scenario.yaml: $.expect.remediation.allowed[1]",
            ],
            ex.Errors.Select(e => e.File + ": " + e.Path));
        Assert.StartsWith("Invalid scenario in " + scenario.Directory + " (9 errors):", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ex.Errors.Select(e => "  " + e), ex.Message.ReplaceLineEndings("\n").Split('\n').Skip(1));
        Assert.Equal(scenario.Directory, ex.Directory);
    }
}
