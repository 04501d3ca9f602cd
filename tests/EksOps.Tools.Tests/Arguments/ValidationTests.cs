using System.Text.Json.Nodes;

namespace EksOps.Tools.Tests;

public sealed class ValidationTests
{
    private static IReadOnlyList<ToolArgumentError> Validate(ToolDefinition tool, string json) =>
        ToolArgumentValidator.Validate(tool, JsonNode.Parse(json)!.AsObject());

    private static ToolArgumentError Single(IReadOnlyList<ToolArgumentError> errors, string path) =>
        Assert.Single(errors, e => e.Path == path);

    [Fact]
    public void Valid_arguments_have_no_errors()
    {
        Assert.Empty(Validate(ToolCatalog.GetPodLogs, """{"namespace": "shop", "pod": "checkout-6d8f7b9c4-x2k9p", "previous": true, "tailLines": 500}"""));
    }

    [Fact]
    public void A_missing_required_parameter_is_reported_at_its_own_path_with_its_description()
    {
        var errors = Validate(ToolCatalog.GetPodLogs, """{"namespace": "shop"}""");

        var error = Single(errors, "/pod");
        Assert.StartsWith("is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Name of the pod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_at_all_report_every_required_parameter()
    {
        var errors = ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, null);

        Assert.Equal(["/namespace", "/pod"], errors.Select(e => e.Path));
    }

    [Fact]
    public void A_wrong_type_names_the_expected_type_and_what_was_sent()
    {
        var error = Single(Validate(ToolCatalog.GetPodLogs, """{"namespace": "shop", "pod": "p", "tailLines": "500"}"""), "/tailLines");

        Assert.Contains("expected an integer but got a string \"500\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("send 500 without quotes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_are_enforced_with_the_limit_and_the_value_in_the_message()
    {
        var errors = Validate(ToolCatalog.GetPodLogs, """{"namespace": "shop", "pod": "p", "tailLines": 10000, "sinceSeconds": 0}""");

        Assert.Equal("must be at most 5000 (got 10000)", Single(errors, "/tailLines").Message);
        Assert.Equal("must be at least 1 (got 0)", Single(errors, "/sinceSeconds").Message);
    }

    [Fact]
    public void An_unknown_parameter_is_reported_with_the_list_of_real_ones()
    {
        var error = Single(Validate(ToolCatalog.GetPodLogs, """{"namespace": "shop", "pod": "p", "lines": 5}"""), "/lines");

        Assert.StartsWith("lines is not a parameter of get_pod_logs; its parameters are namespace, pod, container", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_violation_shows_the_pattern_and_the_parameter_description()
    {
        var error = Single(Validate(ToolCatalog.GetPodLogs, """{"namespace": "Shop_NS", "pod": "p"}"""), "/namespace");

        Assert.Contains("must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (got \"Shop_NS\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("Namespace of the pod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_violation_lists_the_allowed_values()
    {
        var error = Single(Validate(ToolCatalog.ExecuteRunbook, """{"runbook": "reboot", "target": {"kind": "Deployment", "name": "checkout", "namespace": "shop"}}"""), "/runbook");

        Assert.StartsWith("must be one of restart-rollout, rollback-deployment, scale-deployment", error.Message, StringComparison.Ordinal);
        Assert.Contains("(got \"reboot\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_object_errors_carry_nested_paths()
    {
        var errors = Validate(ToolCatalog.ExecuteRunbook, """{"runbook": "delete-pod", "target": {"kind": "Pods", "colour": "red"}}""");

        Assert.Contains("must be one of Deployment, StatefulSet", Single(errors, "/target/kind").Message, StringComparison.Ordinal);
        Assert.StartsWith("is required", Single(errors, "/target/name").Message, StringComparison.Ordinal);
        Assert.StartsWith("colour is not a property of target; its properties are kind, name, namespace, container", Single(errors, "/target/colour").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_items_are_checked_one_by_one()
    {
        var errors = Validate(ToolCatalog.CreateIncident, """{"title": "t", "severity": "high", "summary": "s", "links": ["https://ok.example", "ftp://nope", 7]}""");

        Assert.Contains("must match ^https?://", Single(errors, "/links/1").Message, StringComparison.Ordinal);
        Assert.Contains("expected a string but got the integer 7", Single(errors, "/links/2").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_items_are_reported_with_the_count()
    {
        var links = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)JsonValue.Create($"https://x.example/{i}"))]);
        var args = new JsonObject { ["title"] = "t", ["severity"] = "low", ["summary"] = "s", ["links"] = links };

        Assert.Equal("must have at most 20 items (got 21)", Single(ToolArgumentValidator.Validate(ToolCatalog.CreateIncident, args), "/links").Message);
    }

    [Fact]
    public void Date_time_formats_are_enforced()
    {
        var error = Single(Validate(ToolCatalog.GetCloudWatchMetrics, """{"namespace": "ContainerInsights", "metricName": "m", "startTime": "yesterday"}"""), "/startTime");

        Assert.Equal("must be an RFC 3339 date-time such as 2026-11-20T10:00:00Z (got \"yesterday\")", error.Message);
    }

    [Fact]
    public void Map_values_must_have_the_declared_type()
    {
        var error = Single(Validate(ToolCatalog.GetCloudWatchMetrics, """{"namespace": "ContainerInsights", "metricName": "m", "dimensions": {"ClusterName": 5}}"""), "/dimensions/ClusterName");

        Assert.StartsWith("expected a string but got the integer 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutually_exclusive_parameters_are_reported_on_the_arguments()
    {
        var error = Single(Validate(ToolCatalog.QueryCloudWatchLogs, """{"query": "fields @message", "filterPattern": "ERROR"}"""), string.Empty);

        Assert.Equal("give at most one of query, filterPattern (got query and filterPattern)", error.Message);
    }

    [Fact]
    public void Every_violation_is_reported_in_one_pass_ordered_by_path()
    {
        var errors = Validate(ToolCatalog.GetPodLogs, """{"namespace": 7, "tailLines": 0, "previous": "maybe", "extra": true}""");

        Assert.Equal(["/extra", "/namespace", "/pod", "/previous", "/tailLines"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Binding_fills_in_defaults_and_the_accessors_read_typed_values()
    {
        var args = ToolArguments.Bind(ToolCatalog.GetPodLogs, JsonNode.Parse("""{"namespace": "shop", "pod": "p"}""")!.AsObject());

        Assert.Equal(200, args.GetInt32("tailLines"));
        Assert.False(args.GetBoolean("previous"));
        Assert.Equal(65536, args.GetInteger("limitBytes"));
        Assert.Null(args.GetOptionalInteger("sinceSeconds"));
        Assert.Null(args.GetOptionalString("container"));
        Assert.Equal("shop", args.GetString("namespace"));
    }

    [Fact]
    public void Binding_invalid_arguments_throws_with_every_error()
    {
        var e = Assert.Throws<ToolArgumentException>(() => ToolArguments.Bind(ToolCatalog.GetPodLogs, new JsonObject()));

        Assert.Equal(2, e.Errors.Count);
        Assert.Equal("get_pod_logs", e.ToolName);
    }

    [Fact]
    public void Reading_an_undeclared_parameter_is_a_programming_error()
    {
        var args = ToolArguments.Bind(ToolCatalog.GetAlarm, new JsonObject { ["alarmName"] = "a" });

        Assert.Throws<ArgumentException>(() => args.GetOptionalString("alarm"));
    }

    [Fact]
    public void An_optional_parameter_without_a_default_has_no_required_accessor_value()
    {
        var args = ToolArguments.Bind(ToolCatalog.GetPodLogs, JsonNode.Parse("""{"namespace": "shop", "pod": "p"}""")!.AsObject());

        Assert.Throws<InvalidOperationException>(() => args.GetInteger("sinceSeconds"));
    }
}
