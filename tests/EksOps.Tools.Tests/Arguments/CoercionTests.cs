using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace EksOps.Tools.Tests;

public sealed class CoercionTests
{
    private static JsonObject Coerce(ToolDefinition tool, params (string Name, string Value)[] parameters) =>
        BedrockArgumentCoercer.Coerce(tool, parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    [Fact]
    public void Integers_and_booleans_arriving_as_strings_become_json_numbers_and_booleans()
    {
        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("previous", "True"), ("tailLines", " 500 "));

        Assert.Equal("""{"namespace":"shop","pod":"p","previous":true,"tailLines":500}""", args.ToJsonString());
        Assert.Empty(ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Boolean_spellings_are_understood(string value, bool expected)
    {
        Assert.Equal(expected, BedrockArgumentCoercer.CoerceValue(ToolCatalog.GetPodLogs.FindParameter("previous")!, value)!.GetValue<bool>());
    }

    [Fact]
    public void An_integral_decimal_is_an_integer_and_a_fraction_is_reported_by_validation()
    {
        var tail = ToolCatalog.GetPodLogs.FindParameter("tailLines")!;
        Assert.Equal("100", BedrockArgumentCoercer.CoerceValue(tail, "100.0")!.ToJsonString());

        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("tailLines", "10.5"));
        var error = Assert.Single(ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args));
        Assert.Equal("/tailLines", error.Path);
        Assert.Contains("expected an integer but got the number 10.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_cannot_be_converted_stays_a_string_so_validation_names_it()
    {
        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("tailLines", "lots"));

        var error = Assert.Single(ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args));
        Assert.Equal("/tailLines", error.Path);
        Assert.Contains("expected an integer but got a string \"lots\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a, b]")]
    [InlineData("[\"a\", \"b\"]")]
    [InlineData("a, b")]
    [InlineData("['a', 'b']")]
    public void Arrays_arrive_in_bedrock_list_form_json_or_plain_commas(string value)
    {
        var args = Coerce(ToolCatalog.CreateIncident, ("findings", value));

        Assert.Equal("""["a","b"]""", args["findings"]!.ToJsonString());
    }

    [Fact]
    public void An_empty_list_is_an_empty_array()
    {
        Assert.Equal("[]", Coerce(ToolCatalog.CreateIncident, ("findings", "[]"))["findings"]!.ToJsonString());
    }

    [Fact]
    public void List_items_with_commas_inside_quotes_stay_whole()
    {
        var args = Coerce(ToolCatalog.CreateIncident, ("findings", "[\"pod a: OOMKilled, exit 137\", pod b restarted]"));

        Assert.Equal(["pod a: OOMKilled, exit 137", "pod b restarted"], args["findings"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{\"kind\": \"Deployment\", \"namespace\": \"shop\", \"name\": \"checkout\"}")]
    [InlineData("{kind=Deployment, namespace=shop, name=checkout}")]
    [InlineData("kind=Deployment, namespace=shop, name=checkout")]
    [InlineData("{kind: Deployment, namespace: shop, name: checkout}")]
    public void Objects_arrive_as_json_or_as_key_equals_value_maps(string value)
    {
        var args = Coerce(ToolCatalog.ExecuteRunbook, ("runbook", "restart-rollout"), ("target", value));

        Assert.Equal("""{"kind":"Deployment","namespace":"shop","name":"checkout"}""", args["target"]!.ToJsonString());
        Assert.Empty(ToolArgumentValidator.Validate(ToolCatalog.ExecuteRunbook, args));
    }

    [Fact]
    public void Free_form_objects_infer_nothing_from_text_but_keep_json_types()
    {
        var fromMap = Coerce(ToolCatalog.ExecuteRunbook, ("parameters", "{replicas=4, note=x}"));
        var fromJson = Coerce(ToolCatalog.ExecuteRunbook, ("parameters", "{\"replicas\": 4}"));

        Assert.Equal("""{"replicas":"4","note":"x"}""", fromMap["parameters"]!.ToJsonString());
        Assert.Equal("""{"replicas":4}""", fromJson["parameters"]!.ToJsonString());
    }

    [Fact]
    public void Map_values_are_coerced_to_the_declared_value_type()
    {
        var args = Coerce(ToolCatalog.GetCloudWatchMetrics, ("namespace", "ContainerInsights"), ("metricName", "m"), ("dimensions", "{\"ClusterName\": \"prod-eks\", \"Replica\": 3}"));

        Assert.Equal("""{"ClusterName":"prod-eks","Replica":"3"}""", args["dimensions"]!.ToJsonString());
    }

    [Fact]
    public void Nested_lists_of_maps_in_bedrock_form_are_read()
    {
        var args = Coerce(ToolCatalog.ExecuteRunbook, ("parameters", "{containers=[{name=app, memory=1Gi}, {name=sidecar, memory=128Mi}]}"));

        Assert.Equal("""{"containers":[{"name":"app","memory":"1Gi"},{"name":"sidecar","memory":"128Mi"}]}""", args["parameters"]!.ToJsonString());
    }

    [Fact]
    public void The_folded_options_parameter_is_unfolded_into_typed_arguments()
    {
        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("options", "{\"tailLines\": \"50\", \"sinceSeconds\": 600}"));

        Assert.Equal(50, args["tailLines"]!.GetValue<long>());
        Assert.Equal(600, args["sinceSeconds"]!.GetValue<long>());
        Assert.False(args.ContainsKey("options"));
        Assert.Empty(ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args));
    }

    [Fact]
    public void Options_in_bedrock_map_form_are_unfolded_too_and_a_direct_parameter_wins()
    {
        var args = Coerce(ToolCatalog.GetCloudWatchMetrics, ("namespace", "ContainerInsights"), ("metricName", "m"), ("stat", "Maximum"), ("options", "{period=300, minutes=90, stat=Sum}"));

        Assert.Equal(300, args["period"]!.GetValue<long>());
        Assert.Equal(90, args["minutes"]!.GetValue<long>());
        Assert.Equal("Maximum", args["stat"]!.GetValue<string>());
    }

    [Fact]
    public void Unreadable_options_are_kept_so_validation_reports_them()
    {
        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("options", "tail fifty lines"));

        Assert.Contains(ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args), e => e.Path == "/options");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("None")]
    public void Empty_values_of_non_string_parameters_count_as_not_given(string value)
    {
        var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("sinceSeconds", value));

        Assert.False(args.ContainsKey("sinceSeconds"));
    }

    [Fact]
    public void Every_integer_round_trips_through_its_string_form()
    {
        var parameter = ToolParameter.Integer("n", "n");
        Gen.Long.Sample(n => BedrockArgumentCoercer.CoerceValue(parameter, n.ToString(CultureInfo.InvariantCulture))!.GetValue<long>() == n);
    }

    [Fact]
    public void Every_finite_number_round_trips_through_its_string_form()
    {
        var parameter = ToolParameter.Number("x", "x");
        Gen.Double.Where(double.IsFinite).Sample(x =>
            double.Parse(BedrockArgumentCoercer.CoerceValue(parameter, x.ToString("R", CultureInfo.InvariantCulture))!.ToJsonString(), CultureInfo.InvariantCulture) == x);
    }

    [Fact]
    public void Every_list_of_plain_words_round_trips_in_bedrock_list_json_and_comma_forms()
    {
        var parameter = ToolParameter.StringArray("items", "items");
        var word = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_./:@"].Array[1, 12].Select(chars => new string(chars));
        word.Array[0, 8].Sample(words =>
        {
            string bedrock = "[" + string.Join(", ", words) + "]";
            string json = new JsonArray([.. words.Select(w => (JsonNode)JsonValue.Create(w))]).ToJsonString();
            foreach (string form in new[] { bedrock, json })
            {
                var items = BedrockArgumentCoercer.CoerceValue(parameter, form)!.AsArray().Select(n => n!.GetValue<string>());
                Assert.Equal(words, items);
            }
        });
    }

    [Fact]
    public void Every_map_of_plain_words_round_trips_in_bedrock_map_form()
    {
        var parameter = ToolParameter.Object("m", "m") with { ValueType = ToolParameterType.String };
        var key = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"].Array[1, 10].Select(c => new string(c));
        var value = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_./@"].Array[1, 12].Select(c => new string(c));
        Gen.Select(key, value).Array[0, 6].Sample(pairs =>
        {
            var expected = pairs.DistinctBy(p => p.Item1).ToList();
            string text = "{" + string.Join(", ", expected.Select(p => p.Item1 + "=" + p.Item2)) + "}";
            var obj = BedrockArgumentCoercer.CoerceValue(parameter, text)!.AsObject();
            Assert.Equal(expected.Select(p => (p.Item1, p.Item2)), obj.Select(p => (p.Key, p.Value!.GetValue<string>())));
        });
    }

    [Fact]
    public void Coerced_integers_inside_bounds_always_validate_and_outside_always_fail_at_their_path()
    {
        Gen.Int[-10_000, 20_000].Sample(n =>
        {
            var args = Coerce(ToolCatalog.GetPodLogs, ("namespace", "shop"), ("pod", "p"), ("tailLines", n.ToString(CultureInfo.InvariantCulture)));
            var errors = ToolArgumentValidator.Validate(ToolCatalog.GetPodLogs, args);
            bool inside = n is >= 1 and <= 5000;
            Assert.Equal(inside, errors.Count == 0);
            Assert.All(errors, e => Assert.Equal("/tailLines", e.Path));
        });
    }
}
