using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksOps.Tools.Tests;

/// <summary>The generated schemas obey each face's rules, stated here explicitly (not by calling the generator's own checks).</summary>
public sealed partial class ArtifactTests
{
    private static readonly IReadOnlyList<ToolArtifact> Files = ToolArtifacts.Render(ToolCatalog.All);

    private static JsonNode Read(string path) => JsonNode.Parse(Assert.Single(Files, f => f.RelativePath == path).Content)!;

    private static IEnumerable<JsonObject> FunctionSchemas() =>
        Files.Where(f => f.RelativePath.StartsWith("bedrock/", StringComparison.Ordinal) && f.RelativePath.EndsWith(".function-schema.json", StringComparison.Ordinal))
            .Select(f => JsonNode.Parse(f.Content)!.AsObject());

    private static IEnumerable<JsonObject> OpenApiDocuments() =>
        Files.Where(f => f.RelativePath.EndsWith(".openapi.json", StringComparison.Ordinal)).Select(f => JsonNode.Parse(f.Content)!.AsObject());

    [GeneratedRegex("^([0-9a-zA-Z][_-]?){1,100}$")]
    private static partial Regex BedrockName();

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex AnthropicToolName();

    [Fact]
    public void Reads_and_writes_are_in_separate_action_groups_that_cover_every_tool_once()
    {
        var groups = FunctionSchemas().ToList();

        Assert.Equal(["EksOpsRead", "EksOpsWrite"], groups.Select(g => g["actionGroupName"]!.GetValue<string>()));
        var names = groups.SelectMany(g => g["functionSchema"]!["functions"]!.AsArray().Select(f => f!["name"]!.GetValue<string>())).ToList();
        Assert.Equal(ToolCatalog.All.Select(t => t.Name).Order(), names.Order());
        Assert.Equal(["execute_runbook", "create_incident"], groups[1]["functionSchema"]!["functions"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Bedrock_function_details_respect_every_limit()
    {
        foreach (var group in FunctionSchemas())
        {
            Assert.Matches(BedrockName(), group["actionGroupName"]!.GetValue<string>());
            Assert.InRange(group["description"]!.GetValue<string>().Length, 1, 200);
            var functions = group["functionSchema"]!["functions"]!.AsArray();
            Assert.InRange(functions.Count, 1, 11);
            foreach (var function in functions.Select(f => f!.AsObject()))
            {
                string name = function["name"]!.GetValue<string>();
                Assert.Matches(BedrockName(), name);
                Assert.InRange(function["description"]!.GetValue<string>().Length, 1, 1200);
                bool destructive = ToolCatalog.All.Single(t => t.Name == name).Annotations.Destructive;
                Assert.Equal(destructive ? "ENABLED" : "DISABLED", function["requireConfirmation"]!.GetValue<string>());
                var parameters = function["parameters"]!.AsObject();
                Assert.True(parameters.Count <= 5, $"{name} has {parameters.Count} parameters");
                foreach (var (parameterName, detail) in parameters)
                {
                    Assert.Matches(BedrockName(), parameterName);
                    Assert.Equal(["type", "description", "required"], detail!.AsObject().Select(p => p.Key));
                    Assert.Contains(detail["type"]!.GetValue<string>(), new[] { "string", "number", "integer", "boolean", "array" });
                    Assert.InRange(detail["description"]!.GetValue<string>().Length, 1, 500);
                    Assert.IsType<bool>(detail["required"]!.GetValue<bool>());
                }
            }
        }
    }

    [Fact]
    public void CloudFormation_function_schemas_say_what_the_api_shaped_ones_say_in_pascal_case()
    {
        foreach (var group in FunctionSchemas())
        {
            string name = group["actionGroupName"]!.GetValue<string>();
            var cloudFormation = Read($"cloudformation/{name}.function-schema.json").AsObject();
            Assert.Equal(["Functions"], cloudFormation.Select(p => p.Key));
            var functions = group["functionSchema"]!["functions"]!.AsArray();
            var cfnFunctions = cloudFormation["Functions"]!.AsArray();
            Assert.Equal(functions.Count, cfnFunctions.Count);
            for (int i = 0; i < functions.Count; i++)
            {
                var function = functions[i]!;
                var cfn = cfnFunctions[i]!;
                Assert.Equal(["Name", "Description", "Parameters", "RequireConfirmation"], cfn.AsObject().Select(p => p.Key));
                Assert.Equal(function["name"]!.GetValue<string>(), cfn["Name"]!.GetValue<string>());
                Assert.Equal(function["description"]!.GetValue<string>(), cfn["Description"]!.GetValue<string>());
                Assert.Equal(function["requireConfirmation"]!.GetValue<string>(), cfn["RequireConfirmation"]!.GetValue<string>());
                foreach (var (parameterName, detail) in function["parameters"]!.AsObject())
                {
                    var cfnDetail = cfn["Parameters"]![parameterName]!;
                    Assert.Equal(detail!["type"]!.GetValue<string>(), cfnDetail["Type"]!.GetValue<string>());
                    Assert.Equal(detail["description"]!.GetValue<string>(), cfnDetail["Description"]!.GetValue<string>());
                    Assert.Equal(detail["required"]!.GetValue<bool>(), cfnDetail["Required"]!.GetValue<bool>());
                }
            }
        }
    }

    [Fact]
    public void CloudFormation_gateway_tool_schema_uses_only_the_members_the_resource_accepts()
    {
        var payload = Read("cloudformation/agentcore-gateway-tool-schema.json")["InlinePayload"]!.AsArray();
        Assert.Equal(ToolCatalog.All.Select(t => t.Name), payload.Select(t => t!["Name"]!.GetValue<string>()));
        string[] schemaMembers = ["Type", "Description", "Properties", "Required", "Items"];
        void Check(JsonObject schema)
        {
            Assert.All(schema.Select(p => p.Key), key => Assert.Contains(key, schemaMembers));
            Assert.Contains(schema["Type"]!.GetValue<string>(), new[] { "string", "number", "integer", "boolean", "array", "object" });
            foreach (var (_, property) in schema["Properties"]?.AsObject() ?? [])
            {
                Check(property!.AsObject());
            }

            if (schema["Items"] is JsonObject items)
            {
                Check(items);
            }
        }

        foreach (var tool in payload)
        {
            Assert.Equal(["Name", "Description", "InputSchema", "OutputSchema"], tool!.AsObject().Select(p => p.Key));
            Check(tool["InputSchema"]!.AsObject());
            Check(tool["OutputSchema"]!.AsObject());
        }
    }

    [Fact]
    public void Every_parameter_is_reachable_on_bedrock_directly_or_through_options()
    {
        foreach (var tool in ToolCatalog.All)
        {
            var (direct, folded) = ToolArtifacts.BedrockParameters(tool);
            Assert.Equal(tool.Parameters.Select(p => p.Name).Order(), direct.Concat(folded).Select(p => p.Name).Order());
            Assert.All(tool.Parameters.Where(p => p.Required), p => Assert.Contains(p, direct));
            if (folded.Count > 0)
            {
                var function = FunctionSchemas().SelectMany(g => g["functionSchema"]!["functions"]!.AsArray()).Single(f => f!["name"]!.GetValue<string>() == tool.Name)!;
                string options = function["parameters"]!["options"]!["description"]!.GetValue<string>();
                Assert.All(folded, p => Assert.Contains(p.Name, options, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_openapi_documents_are_openapi_3_0_with_one_post_per_tool()
    {
        var operationIds = new List<string>();
        foreach (var document in OpenApiDocuments())
        {
            Assert.Equal("3.0.0", document["openapi"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(document["info"]!["title"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(document["info"]!["version"]!.GetValue<string>()));
            string group = document["info"]!["title"]!.GetValue<string>()["EksOps ".Length..];
            var paths = document["paths"]!.AsObject();
            Assert.InRange(paths.Count, 1, 11);
            foreach (var (path, item) in paths)
            {
                Assert.StartsWith("/", path, StringComparison.Ordinal);
                Assert.Equal(["post"], item!.AsObject().Select(p => p.Key));
                var post = item["post"]!.AsObject();
                string operationId = post["operationId"]!.GetValue<string>();
                operationIds.Add(operationId);
                Assert.Equal(ToolNames.OpenApiPath(operationId), path);
                Assert.Equal(operationId, ToolNames.FromOpenApiPath(path));
                Assert.DoesNotContain("__", operationId, StringComparison.Ordinal);
                Assert.Matches(AnthropicToolName(), $"post__{group}__{operationId}");
                Assert.False(string.IsNullOrWhiteSpace(post["description"]!.GetValue<string>()));
                var body = post["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
                Assert.Equal("object", body["type"]!.GetValue<string>());
                Assert.NotNull(post["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
                Assert.All(post["responses"]!.AsObject(), r => Assert.False(string.IsNullOrEmpty(r.Value!["description"]!.GetValue<string>())));
            }

            Assert.DoesNotContain("enum", Keys(document));
        }

        Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        Assert.Equal(ToolCatalog.All.Count, operationIds.Count);
    }

    [Fact]
    public void The_gateway_schema_uses_only_what_agentcore_accepts()
    {
        var tools = Read("agentcore-gateway-tools.json").AsArray();

        Assert.Equal(ToolCatalog.All.Select(t => t.Name), tools.Select(t => t!["name"]!.GetValue<string>()));
        foreach (var tool in tools.Select(t => t!.AsObject()))
        {
            Assert.Equal(["name", "description", "inputSchema", "outputSchema"], tool.Select(p => p.Key));
            Assert.False(string.IsNullOrWhiteSpace(tool["description"]!.GetValue<string>()));
            Assert.Equal("object", tool["inputSchema"]!["type"]!.GetValue<string>());
            Assert.Equal("object", tool["outputSchema"]!["type"]!.GetValue<string>());
            AssertGatewayClean(tool["inputSchema"]!.AsObject(), tool["name"] + "/inputSchema");
            AssertGatewayClean(tool["outputSchema"]!.AsObject(), tool["name"] + "/outputSchema");
        }

        string text = Assert.Single(Files, f => f.RelativePath == "agentcore-gateway-tools.json").Content;
        Assert.DoesNotContain("\"items\": {}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"default\": null", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anyOf", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mcp_tools_carry_schemas_and_all_four_annotations()
    {
        foreach (var tool in Read("mcp-tools.json")["tools"]!.AsArray().Select(t => t!.AsObject()))
        {
            var definition = ToolCatalog.All.Single(d => d.Name == tool["name"]!.GetValue<string>());
            Assert.Matches("^[A-Za-z0-9_.-]{1,128}$", definition.Name);
            Assert.Equal(definition.CreateInputSchema().ToJsonString(), tool["inputSchema"]!.ToJsonString());
            Assert.Equal(definition.CreateOutputSchema().ToJsonString(), tool["outputSchema"]!.ToJsonString());
            var annotations = tool["annotations"]!;
            Assert.Equal(definition.Annotations, new ToolAnnotations(
                annotations["readOnlyHint"]!.GetValue<bool>(), annotations["destructiveHint"]!.GetValue<bool>(), annotations["idempotentHint"]!.GetValue<bool>(), annotations["openWorldHint"]!.GetValue<bool>()));
            Assert.Equal(definition.Title, tool["title"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A_bedrock_call_shaped_by_the_function_schema_validates_once_coerced()
    {
        var args = BedrockArgumentCoercer.Coerce(ToolCatalog.GetCloudWatchMetrics,
        [
            new("namespace", "ContainerInsights"), new("metricName", "pod_memory_utilization_over_pod_limit"),
            new("dimensions", "{ClusterName=prod-eks, Namespace=shop, PodName=checkout}"), new("stat", "p99"),
            new("options", "{\"period\": \"300\", \"startTime\": \"2026-11-20T09:30:00Z\"}"),
        ]);

        Assert.Empty(ToolArgumentValidator.Validate(ToolCatalog.GetCloudWatchMetrics, args));
    }

    [Fact]
    public void Gateway_tool_names_map_back_to_tools()
    {
        Assert.Equal("get_pod_logs", ToolNames.FromGatewayToolName("eksops-tools___get_pod_logs"));
        Assert.Null(ToolNames.FromGatewayToolName("get_pod_logs"));
        Assert.Null(ToolNames.FromGatewayToolName("eksops___"));
    }

    [Fact]
    public void The_committed_schemas_match_the_definitions()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Functions.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        var drift = SchemaDrift.Find(ToolCatalog.All, Path.Combine(root, ToolArtifacts.DefaultFolder));

        Assert.True(drift.Count == 0, "schemas/ is out of date; run `dotnet run --project tools/EksOps.SchemaGen`:\n" + string.Join("\n", drift));
    }

    [Fact]
    public void Drift_is_detected_for_changed_missing_and_stale_files()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"eksops-schemas-{Guid.NewGuid():N}");
        try
        {
            ToolArtifacts.WriteAll(ToolCatalog.All, directory);
            Assert.Empty(SchemaDrift.Find(ToolCatalog.All, directory));

            File.AppendAllText(Path.Combine(directory, "mcp-tools.json"), " ");
            File.Delete(Path.Combine(directory, "bedrock", "EksOpsWrite.openapi.json"));
            File.WriteAllText(Path.Combine(directory, "bedrock", "Old.openapi.json"), "{}");

            Assert.Equal(["changed: mcp-tools.json", "missing: bedrock/EksOpsWrite.openapi.json", "stale: bedrock/Old.openapi.json"], SchemaDrift.Find(ToolCatalog.All, directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly HashSet<string> GatewayKeys = ["type", "description", "properties", "required", "items"];

    private static void AssertGatewayClean(JsonObject schema, string at)
    {
        Assert.True(schema.All(p => GatewayKeys.Contains(p.Key)), $"{at}: {string.Join(", ", schema.Select(p => p.Key))}");
        Assert.Contains(schema["type"]!.GetValue<string>(), new[] { "string", "number", "object", "array", "boolean", "integer" });
        if (schema["type"]!.GetValue<string>() == "array")
        {
            var items = Assert.IsType<JsonObject>(schema["items"]);
            Assert.NotEmpty(items);
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                AssertGatewayClean(property!.AsObject(), at + "/" + name);
            }

            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                Assert.True(properties.ContainsKey(required!.GetValue<string>()), $"{at}: required {required} is not a property");
            }
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            AssertGatewayClean(itemSchema, at + "/items");
        }
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => new[] { p.Key }.Concat(Keys(p.Value))),
        JsonArray array => array.SelectMany(Keys),
        _ => [],
    };
}
