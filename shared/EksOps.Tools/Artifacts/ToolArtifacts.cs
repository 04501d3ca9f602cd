using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// Generates every face's schema from the definitions, so model-facing text and schemas come from one place:
/// the MCP <c>tools/list</c> entries, the AgentCore Gateway inline tool schema, and per Bedrock action group the
/// function-details schema and an OpenAPI 3.0 document. Read tools go in the <c>EksOpsRead</c> group(s) and write
/// tools in <c>EksOpsWrite</c>, so an agent can be given reads only; groups are split at Bedrock's 11 functions.
/// </summary>
/// <remarks>
/// Face rules applied: Bedrock function details take at most 5 parameters of type string/number/integer/boolean/array
/// (advanced and overflow parameters are folded into one <c>options</c> string parameter holding JSON, unfolded by
/// <see cref="BedrockArgumentCoercer"/>; objects become strings holding JSON); descriptions fit 1,200/500 characters;
/// OpenAPI documents have no <c>enum</c> (Bedrock does not support it: the values are in the description);
/// the Gateway schema uses only <c>type</c>, <c>description</c>, <c>properties</c>, <c>required</c> and <c>items</c>
/// (so no <c>"items": {}</c>, no <c>"default": null</c>, no <c>anyOf</c>).
/// </remarks>
public static partial class ToolArtifacts
{
    /// <summary>The folder the SchemaGen tool writes to, relative to the repository root.</summary>
    public const string DefaultFolder = "schemas";

    /// <summary>The action group of read tools (split as <c>EksOpsRead2</c>, … past 11 tools).</summary>
    public const string ReadGroup = "EksOpsRead";

    /// <summary>The action group of write tools.</summary>
    public const string WriteGroup = "EksOpsWrite";

    /// <summary>Renders every artifact.</summary>
    /// <param name="definitions">The tools (usually <see cref="ToolCatalog.All"/> or a registry's definitions).</param>
    /// <returns>The files, in a stable order.</returns>
    /// <exception cref="ToolDefinitionException">A definition cannot be projected within a face's limits.</exception>
    public static IReadOnlyList<ToolArtifact> Render(IReadOnlyList<ToolDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var files = new List<ToolArtifact>
        {
            File("mcp-tools.json", new JsonObject { ["tools"] = new JsonArray([.. definitions.Select(McpTool)]) }),
            File("agentcore-gateway-tools.json", GatewayTools(definitions)),
            File("cloudformation/agentcore-gateway-tool-schema.json", CloudFormationToolSchema(GatewayTools(definitions))),
        };
        foreach (var (group, tools) in ActionGroups(definitions))
        {
            var actionGroup = BedrockActionGroup(group, tools);
            files.Add(File($"bedrock/{group}.function-schema.json", actionGroup));
            files.Add(File($"bedrock/{group}.openapi.json", OpenApi(group, tools)));
            files.Add(File($"cloudformation/{group}.function-schema.json", CloudFormationFunctionSchema(actionGroup)));
        }

        files.Add(new ToolArtifact("README.md", Readme(definitions, files)));
        return files.AsReadOnly();
    }

    /// <summary>Writes every artifact under <paramref name="directory"/> (creating folders; existing files are replaced, others left alone).</summary>
    /// <param name="definitions">The tools.</param>
    /// <param name="directory">The output folder.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<ToolArtifact> WriteAll(IReadOnlyList<ToolDefinition> definitions, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Render(definitions);
        foreach (var file in files)
        {
            string path = Path.Combine(directory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, file.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        return files;
    }

    /// <summary>Writes the artifacts of a registry's tools.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="directory">The output folder.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<ToolArtifact> WriteAll(ToolRegistry registry, string directory)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return WriteAll(registry.Definitions, directory);
    }

    /// <summary>A tool as MCP <c>tools/list</c> shows it: name, title, description, inputSchema, outputSchema, annotations.</summary>
    /// <param name="definition">The tool.</param>
    /// <returns>A new object.</returns>
    public static JsonObject McpTool(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new JsonObject
        {
            ["name"] = definition.Name,
            ["title"] = definition.Title,
            ["description"] = ModelDescription(definition),
            ["inputSchema"] = definition.CreateInputSchema(),
            ["outputSchema"] = definition.CreateOutputSchema(),
            ["annotations"] = new JsonObject
            {
                ["title"] = definition.Title,
                ["readOnlyHint"] = definition.Annotations.ReadOnly,
                ["destructiveHint"] = definition.Annotations.Destructive,
                ["idempotentHint"] = definition.Annotations.Idempotent,
                ["openWorldHint"] = definition.Annotations.OpenWorld,
            },
        };
    }

    /// <summary>The AgentCore Gateway inline tool schema (<c>toolSchema.inlinePayload</c>): <c>[{name, description, inputSchema, outputSchema}]</c>.</summary>
    /// <param name="definitions">The tools.</param>
    /// <returns>A new array.</returns>
    public static JsonArray GatewayTools(IReadOnlyList<ToolDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var tools = new JsonArray();
        foreach (var definition in definitions)
        {
            tools.Add((JsonNode)new JsonObject
            {
                ["name"] = definition.Name,
                ["description"] = ModelDescription(definition),
                ["inputSchema"] = GatewaySchema(definition.CreateInputSchema()),
                ["outputSchema"] = GatewaySchema(definition.CreateOutputSchema()),
            });
        }

        return tools;
    }

    /// <summary>The tools grouped into Bedrock action groups: reads, then writes, each split at <see cref="BedrockLimits.MaxFunctionsPerActionGroup"/>.</summary>
    /// <param name="definitions">The tools.</param>
    /// <returns>(group name, tools) pairs.</returns>
    public static IReadOnlyList<KeyValuePair<string, IReadOnlyList<ToolDefinition>>> ActionGroups(IReadOnlyList<ToolDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var groups = new List<KeyValuePair<string, IReadOnlyList<ToolDefinition>>>();
        foreach (var (name, tools) in new[] { (ReadGroup, definitions.Where(d => !d.IsWrite).ToList()), (WriteGroup, definitions.Where(d => d.IsWrite).ToList()) })
        {
            var chunks = tools.Chunk(BedrockLimits.MaxFunctionsPerActionGroup).ToList();
            for (int i = 0; i < chunks.Count; i++)
            {
                string groupName = i == 0 ? name : name + (i + 1).ToString(CultureInfo.InvariantCulture);
                groups.Add(new(groupName, chunks[i]));
            }
        }

        return groups;
    }

    /// <summary>A Bedrock action group with function details (the CreateAgentActionGroup shape): <c>{actionGroupName, description, functionSchema: {functions}}</c>.</summary>
    /// <param name="group">The group name.</param>
    /// <param name="tools">Its tools (at most 11).</param>
    /// <returns>A new object.</returns>
    /// <exception cref="ToolDefinitionException">A tool cannot fit Bedrock's limits.</exception>
    public static JsonObject BedrockActionGroup(string group, IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count > BedrockLimits.MaxFunctionsPerActionGroup)
        {
            throw new ArgumentException($"an action group holds at most {BedrockLimits.MaxFunctionsPerActionGroup} functions", nameof(tools));
        }

        var functions = new JsonArray();
        foreach (var tool in tools)
        {
            functions.Add((JsonNode)BedrockFunction(tool));
        }

        return new JsonObject
        {
            ["actionGroupName"] = group,
            ["description"] = GroupDescription(group),
            ["functionSchema"] = new JsonObject { ["functions"] = functions },
        };
    }

    /// <summary>
    /// An action group's function schema as the <c>FunctionSchema</c> property of <c>AWS::Bedrock::Agent</c>'s action
    /// group takes it (CloudFormation spells every member in PascalCase; parameter names stay as they are), for
    /// <c>template.yaml</c> to include with <c>AWS::Include</c>.
    /// </summary>
    /// <param name="actionGroup">The group from <see cref="BedrockActionGroup"/>.</param>
    /// <returns>A new <c>{Functions: [...]}</c> object.</returns>
    public static JsonObject CloudFormationFunctionSchema(JsonObject actionGroup)
    {
        ArgumentNullException.ThrowIfNull(actionGroup);
        var functions = new JsonArray();
        foreach (var function in actionGroup["functionSchema"]!["functions"]!.AsArray())
        {
            var parameters = new JsonObject();
            foreach (var (name, parameter) in function!["parameters"]!.AsObject())
            {
                parameters[name] = new JsonObject
                {
                    ["Type"] = parameter!["type"]!.DeepClone(),
                    ["Description"] = parameter["description"]!.DeepClone(),
                    ["Required"] = parameter["required"]!.DeepClone(),
                };
            }

            functions.Add((JsonNode)new JsonObject
            {
                ["Name"] = function["name"]!.DeepClone(),
                ["Description"] = function["description"]!.DeepClone(),
                ["Parameters"] = parameters,
                ["RequireConfirmation"] = function["requireConfirmation"]!.DeepClone(),
            });
        }

        return new JsonObject { ["Functions"] = functions };
    }

    /// <summary>
    /// The AgentCore Gateway tools as the <c>ToolSchema</c> property of <c>AWS::BedrockAgentCore::GatewayTarget</c>'s
    /// Lambda target takes them: <c>{InlinePayload: [{Name, Description, InputSchema, OutputSchema}]}</c>, schema members
    /// in PascalCase, property names as they are.
    /// </summary>
    /// <param name="gatewayTools">The tools from <see cref="GatewayTools"/>.</param>
    /// <returns>A new object.</returns>
    public static JsonObject CloudFormationToolSchema(JsonArray gatewayTools)
    {
        ArgumentNullException.ThrowIfNull(gatewayTools);
        var payload = new JsonArray();
        foreach (var tool in gatewayTools)
        {
            payload.Add((JsonNode)new JsonObject
            {
                ["Name"] = tool!["name"]!.DeepClone(),
                ["Description"] = tool["description"]!.DeepClone(),
                ["InputSchema"] = CloudFormationSchema(tool["inputSchema"]!.AsObject()),
                ["OutputSchema"] = CloudFormationSchema(tool["outputSchema"]!.AsObject()),
            });
        }

        return new JsonObject { ["InlinePayload"] = payload };
    }

    /// <summary>The parameters a tool shows on Bedrock function details, and those folded into <c>options</c>.</summary>
    /// <param name="definition">The tool.</param>
    /// <returns>(direct parameters, folded parameters).</returns>
    /// <exception cref="ToolDefinitionException">More required parameters than fit.</exception>
    public static (IReadOnlyList<ToolParameter> Direct, IReadOnlyList<ToolParameter> Folded) BedrockParameters(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var all = definition.Parameters;
        if (all.Count <= BedrockLimits.MaxParametersPerFunction)
        {
            return (all, []);
        }

        int room = BedrockLimits.MaxParametersPerFunction - 1;
        var direct = all.Where(p => p.Required).ToList();
        if (direct.Count > room)
        {
            throw new ToolDefinitionException(definition.Name, [$"{direct.Count} required parameters do not fit Bedrock's {BedrockLimits.MaxParametersPerFunction} (one is kept for options)"]);
        }

        direct.AddRange(all.Where(p => !p.Required && !p.Advanced).Take(room - direct.Count));
        var ordered = all.Where(direct.Contains).ToList();
        return (ordered, [.. all.Where(p => !ordered.Contains(p))]);
    }

    /// <summary>An OpenAPI 3.0 document for an API-schema action group: one POST path per tool (<see cref="ToolNames.OpenApiPath"/>), operationId = tool name, JSON request body and responses.</summary>
    /// <param name="group">The group name.</param>
    /// <param name="tools">Its tools.</param>
    /// <returns>A new object.</returns>
    public static JsonObject OpenApi(string group, IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var paths = new JsonObject();
        foreach (var tool in tools)
        {
            paths[ToolNames.OpenApiPath(tool.Name)] = new JsonObject
            {
                ["post"] = new JsonObject
                {
                    ["operationId"] = tool.Name,
                    ["summary"] = tool.Title,
                    ["description"] = ModelDescription(tool),
                    ["requestBody"] = new JsonObject
                    {
                        ["required"] = true,
                        ["content"] = Json(OpenApiSchema(tool.CreateInputSchema())),
                    },
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject { ["description"] = "The tool's result.", ["content"] = Json(OpenApiSchema(tool.CreateOutputSchema())) },
                        ["400"] = new JsonObject { ["description"] = "Invalid arguments: error.violations lists each with its JSON path.", ["content"] = Json(ErrorSchema()) },
                        ["403"] = new JsonObject { ["description"] = "Refused by policy, or the change needs an approval bound to it.", ["content"] = Json(ErrorSchema()) },
                        ["500"] = new JsonObject { ["description"] = "The tool failed.", ["content"] = Json(ErrorSchema()) },
                    },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = $"EksOps {group}",
                ["version"] = "1.0.0",
                ["description"] = GroupDescription(group),
            },
            ["paths"] = paths,
        };
    }

    /// <summary>The description models see: the definition's, plus its cross-parameter rules.</summary>
    /// <param name="definition">The tool.</param>
    /// <returns>The text.</returns>
    public static string ModelDescription(ToolDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = new StringBuilder(definition.Description);
        foreach (var constraint in definition.Constraints)
        {
            text.Append(constraint.ExactlyOne ? " Give exactly one of " : " Give at most one of ").Append(string.Join(", ", constraint.Parameters)).Append('.');
        }

        return text.ToString();
    }

    private static string GroupDescription(string group) =>
        group.StartsWith(WriteGroup, StringComparison.Ordinal)
            ? "EksOps write tools: run catalogue runbooks (dry run first, policy and approval enforced in code) and record incidents."
            : "EksOps read tools for EKS incidents: Kubernetes objects, pod logs, events, CloudWatch metrics, logs and alarms.";

    private static JsonObject BedrockFunction(ToolDefinition tool)
    {
        var (direct, folded) = BedrockParameters(tool);
        var parameters = new JsonObject();
        foreach (var p in direct)
        {
            parameters[p.Name] = new JsonObject
            {
                ["type"] = p.Type switch
                {
                    ToolParameterType.StringArray => "array",
                    ToolParameterType.Object => "string",
                    _ => SchemaWriter.TypeName(p.Type),
                },
                ["description"] = FlatDescription(p, forBedrock: true),
                ["required"] = p.Required,
            };
        }

        string description = ModelDescription(tool);
        if (folded.Count > 0)
        {
            parameters[BedrockArgumentCoercer.OptionsParameter] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Optional settings as a JSON object: " + string.Join(", ", folded.Select(Brief)) + ". Example: {\"" + folded[0].Name + "\": " + Example(folded[0]) + "}",
                ["required"] = false,
            };
            string longer = description + " Optional settings go in options as JSON: " + string.Join("; ", folded.Select(p => p.Name + ": " + p.Description.TrimEnd('.'))) + ".";
            description = longer.Length <= BedrockLimits.MaxFunctionDescriptionLength ? longer : description;
        }

        var problems = new List<string>();
        if (description.Length > BedrockLimits.MaxFunctionDescriptionLength)
        {
            problems.Add($"the Bedrock function description has {description.Length} characters (limit {BedrockLimits.MaxFunctionDescriptionLength})");
        }

        foreach (var (name, value) in parameters)
        {
            int length = value!["description"]!.GetValue<string>().Length;
            if (length > BedrockLimits.MaxParameterDescriptionLength || !BedrockName().IsMatch(name))
            {
                problems.Add($"Bedrock parameter {name}: description of {length} characters (limit {BedrockLimits.MaxParameterDescriptionLength}) or a name outside {BedrockLimits.NamePattern}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ToolDefinitionException(tool.Name, problems);
        }

        return new JsonObject
        {
            ["name"] = tool.Name,
            ["description"] = description,
            ["parameters"] = parameters,
            // Destructive tools ask Bedrock for USER_CONFIRMATION; our policy still decides in code whatever the answer.
            ["requireConfirmation"] = tool.Annotations.Destructive ? "ENABLED" : "DISABLED",
        };
    }

    /// <summary>A parameter's description with what a flat schema cannot say: allowed values, bounds, default, and the form of lists and objects.</summary>
    private static string FlatDescription(ToolParameter p, bool forBedrock)
    {
        var text = new StringBuilder(p.Description.TrimEnd());
        if (text.Length > 0 && text[^1] != '.')
        {
            text.Append('.');
        }

        AppendFacts(text, p);
        if (forBedrock && p.Type == ToolParameterType.Object)
        {
            text.Append(" Pass a JSON object");
            if (p.Properties is { } properties)
            {
                text.Append(" with ").Append(string.Join(", ", properties.Select(q => q.Name + (q.Required ? " (required)" : string.Empty))));
            }

            text.Append('.');
        }
        else if (forBedrock && p.Type == ToolParameterType.StringArray)
        {
            text.Append(" A list, e.g. [\"a\", \"b\"].");
        }

        return text.ToString();
    }

    private static void AppendFacts(StringBuilder text, ToolParameter p)
    {
        if (p.Enum is { } values)
        {
            text.Append(" One of: ").Append(string.Join(", ", values)).Append('.');
        }

        if (p.Minimum is double min && p.Maximum is double max)
        {
            text.Append(CultureInfo.InvariantCulture, $" From {Number(min)} to {Number(max)}.");
        }
        else if (p.Minimum is double least)
        {
            text.Append(CultureInfo.InvariantCulture, $" At least {Number(least)}.");
        }
        else if (p.Maximum is double most)
        {
            text.Append(CultureInfo.InvariantCulture, $" At most {Number(most)}.");
        }

        if (p.Default is not null)
        {
            text.Append(" Default: ").Append(ToolJson.Serialize(p.Default)).Append('.');
        }
    }

    private static string Brief(ToolParameter p)
    {
        var facts = new List<string> { SchemaWriter.TypeName(p.Type) };
        if (p.Minimum is double min && p.Maximum is double max)
        {
            facts.Add(Number(min) + "-" + Number(max));
        }

        if (p.Format is not null)
        {
            facts.Add(p.Format);
        }

        if (p.Default is not null)
        {
            facts.Add("default " + ToolJson.Serialize(p.Default));
        }

        return p.Name + " (" + string.Join(", ", facts) + ")";
    }

    private static string Example(ToolParameter p) => p.Type switch
    {
        ToolParameterType.Integer or ToolParameterType.Number => Number(p.Minimum is double min && min > 1 ? min : p.Maximum is double max && max >= 100 ? 100 : 1),
        ToolParameterType.Boolean => "true",
        ToolParameterType.String when p.Format == "date-time" => "\"2026-11-20T09:30:00Z\"",
        _ => "\"...\"",
    };

    private static string Number(double value) => value.ToString("0.################", CultureInfo.InvariantCulture);

    /// <summary>Only the members of AgentCore's SchemaDefinition; everything else is said in the description.</summary>
    private static JsonObject GatewaySchema(JsonObject schema)
    {
        var result = new JsonObject { ["type"] = schema["type"]!.DeepClone() };
        string? description = schema["description"]?.GetValue<string>();
        var facts = new StringBuilder(description ?? string.Empty);
        if (schema["enum"] is JsonArray values)
        {
            facts.Append(facts.Length > 0 && facts[^1] != '.' ? ". " : facts.Length > 0 ? " " : string.Empty)
                .Append("One of: ").Append(string.Join(", ", values.Select(v => v!.GetValue<string>()))).Append('.');
        }

        if (schema["minimum"] is JsonNode min && schema["maximum"] is JsonNode max)
        {
            facts.Append(CultureInfo.InvariantCulture, $" From {min.ToJsonString()} to {max.ToJsonString()}.");
        }
        else if (schema["minimum"] is JsonNode least)
        {
            facts.Append(CultureInfo.InvariantCulture, $" At least {least.ToJsonString()}.");
        }
        else if (schema["maximum"] is JsonNode most)
        {
            facts.Append(CultureInfo.InvariantCulture, $" At most {most.ToJsonString()}.");
        }

        if (schema["default"] is JsonNode defaultValue)
        {
            facts.Append(" Default: ").Append(ToolJson.Serialize(defaultValue)).Append('.');
        }

        if (schema["additionalProperties"] is JsonObject valueSchema && valueSchema["type"] is JsonNode valueType)
        {
            facts.Append(" Every value is a ").Append(valueType.GetValue<string>()).Append('.');
        }

        if (facts.Length > 0)
        {
            result["description"] = facts.ToString().Trim();
        }

        if (schema["properties"] is JsonObject properties)
        {
            var converted = new JsonObject();
            foreach (var (name, property) in properties)
            {
                converted[name] = GatewaySchema((JsonObject)property!);
            }

            result["properties"] = converted;
        }

        if (schema["required"] is JsonArray required && required.Count > 0)
        {
            result["required"] = required.DeepClone();
        }

        if (schema["items"] is JsonObject items)
        {
            result["items"] = GatewaySchema(items);
        }

        return result;
    }

    /// <summary>A gateway schema (already reduced to type, description, properties, required, items) in CloudFormation's spelling.</summary>
    private static JsonObject CloudFormationSchema(JsonObject schema)
    {
        var result = new JsonObject { ["Type"] = schema["type"]!.DeepClone() };
        if (schema["description"] is JsonNode description)
        {
            result["Description"] = description.DeepClone();
        }

        if (schema["properties"] is JsonObject properties)
        {
            var converted = new JsonObject();
            foreach (var (name, property) in properties)
            {
                converted[name] = CloudFormationSchema(property!.AsObject());
            }

            result["Properties"] = converted;
        }

        if (schema["required"] is JsonNode required)
        {
            result["Required"] = required.DeepClone();
        }

        if (schema["items"] is JsonObject items)
        {
            result["Items"] = CloudFormationSchema(items);
        }

        return result;
    }

    /// <summary>OpenAPI 3.0 schema: the JSON Schema minus <c>enum</c> (unsupported by Bedrock; moved into the description).</summary>
    private static JsonObject OpenApiSchema(JsonObject schema)
    {
        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "enum":
                    break;
                case "properties" when value is JsonObject properties:
                    var converted = new JsonObject();
                    foreach (var (name, property) in properties)
                    {
                        converted[name] = OpenApiSchema((JsonObject)property!);
                    }

                    result[key] = converted;
                    break;
                case "items" or "additionalProperties" when value is JsonObject nested:
                    result[key] = OpenApiSchema(nested);
                    break;
                case "description" when schema["enum"] is JsonArray values:
                    string text = value!.GetValue<string>().TrimEnd();
                    result[key] = text + (text.EndsWith('.') ? " " : ". ") + "One of: " + string.Join(", ", values.Select(v => v!.GetValue<string>())) + ".";
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        if (schema["enum"] is JsonArray enumValues && !schema.ContainsKey("description"))
        {
            result["description"] = "One of: " + string.Join(", ", enumValues.Select(v => v!.GetValue<string>())) + ".";
        }

        return result;
    }

    private static JsonObject ErrorSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["code"] = new JsonObject { ["type"] = "string" },
                    ["message"] = new JsonObject { ["type"] = "string" },
                    ["violations"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["path"] = new JsonObject { ["type"] = "string" },
                                ["message"] = new JsonObject { ["type"] = "string" },
                            },
                        },
                    },
                },
            },
        },
    };

    private static JsonObject Json(JsonObject schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    private static ToolArtifact File(string path, JsonNode content) => new(path, ToolJson.Serialize(content, indented: true) + "\n");

    private static string Readme(IReadOnlyList<ToolDefinition> definitions, List<ToolArtifact> files)
    {
        var text = new StringBuilder();
        text.Append("# Generated tool schemas\n\n")
            .Append("Generated from the tool definitions in `shared/EksOps.Tools` (`ToolCatalog`) by `tools/EksOps.SchemaGen`; do not edit.\n")
            .Append("Regenerate with `dotnet run --project tools/EksOps.SchemaGen`; a test fails when these files drift from the code.\n\n")
            .Append("| file | what |\n|---|---|\n");
        foreach (var file in files)
        {
            string what = file.RelativePath switch
            {
                "mcp-tools.json" => "MCP `tools/list` result: every tool with input and output schemas and annotations",
                "agentcore-gateway-tools.json" => "AgentCore Gateway Lambda target `toolSchema.inlinePayload`",
                "cloudformation/agentcore-gateway-tool-schema.json" => "the same as `AWS::BedrockAgentCore::GatewayTarget` `ToolSchema`, included by `template.yaml`",
                _ when file.RelativePath.StartsWith("cloudformation/", StringComparison.Ordinal) => "the action group's `FunctionSchema` as `AWS::Bedrock::Agent` takes it, included by `template.yaml`",
                _ when file.RelativePath.EndsWith(".function-schema.json", StringComparison.Ordinal) => "Bedrock action group with function details (`functionSchema`)",
                _ => "Bedrock action group OpenAPI 3.0 schema (`apiSchema.payload`)",
            };
            text.Append(CultureInfo.InvariantCulture, $"| `{file.RelativePath}` | {what} |\n");
        }

        text.Append("\n| tool | class | read-only | destructive | idempotent | open world | cap (bytes) |\n|---|---|---|---|---|---|---|\n");
        foreach (var d in definitions)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{d.Name}` | {d.PolicyClass} | {d.Annotations.ReadOnly} | {d.Annotations.Destructive} | {d.Annotations.Idempotent} | {d.Annotations.OpenWorld} | {d.MaxOutputBytes} |\n");
        }

        return text.ToString();
    }

    [GeneratedRegex(BedrockLimits.NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex BedrockName();
}
