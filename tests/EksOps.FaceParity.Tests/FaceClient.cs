using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Lambda.Testing;
using EksOps.Mcp;
using EksOps.Tools.Faces;

namespace EksOps.FaceParity.Tests;

/// <summary>
/// Calls one tool through one face with the arguments a client of that face would send: typed JSON for the registry,
/// MCP and the gateway; Bedrock's strings (arrays as <c>[a, b]</c>, advanced parameters folded into <c>options</c>) for
/// the action group and RETURN_CONTROL. Each face gets its own registry, so nothing but the cluster is shared.
/// </summary>
internal sealed class FaceClient(ParityScenario scenario)
{
    private const string Caller = "arn:aws:sts::123456789012:assumed-role/agent/session";
    private const string McpRevision = "2025-11-25";

    public async Task<FaceAnswer> CallAsync(Face face, string tool, JsonObject arguments, string? approvalToken = null)
    {
        var registry = scenario.NewRegistry();
        var definition = registry.Definitions.Single(d => d.Name == tool);
        var context = new TestLambdaContext { CancellationToken = TestContext.Current.CancellationToken };
        switch (face)
        {
            case Face.Registry:
            {
                var result = await registry.InvokeAsync(tool, arguments.DeepClone().AsObject(), new ToolInvocationContext
                {
                    Caller = new ToolCaller(Caller, ToolFace.Internal),
                    ApprovalToken = approvalToken,
                    Logger = context.Logger,
                    Metrics = context.Metrics,
                    CancellationToken = context.CancellationToken,
                });
                var text = result.ToJsonText();
                return new FaceAnswer(Parse(text), JsonValue.Create(text));
            }

            case Face.Mcp:
            {
                using var handler = new McpFunctionUrlHandler(registry, new McpEndpointOptions());
                var headers = new Dictionary<string, string>
                {
                    ["content-type"] = "application/json",
                    ["accept"] = "application/json, text/event-stream",
                    ["mcp-protocol-version"] = McpRevision,
                };
                if (approvalToken is not null)
                {
                    headers[McpFunctionUrlHandler.ApprovalHeader.ToLowerInvariant()] = approvalToken;
                }

                var request = new FunctionUrlRequest
                {
                    Version = "2.0",
                    RawPath = "/mcp",
                    Headers = headers,
                    RequestContext = new FunctionUrlRequestContext
                    {
                        Http = new FunctionUrlHttp { Method = "POST", Path = "/mcp", SourceIp = "127.0.0.1" },
                    },
                    Body = new JsonObject
                    {
                        ["jsonrpc"] = "2.0",
                        ["id"] = 7,
                        ["method"] = "tools/call",
                        ["params"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments.DeepClone() },
                    }.ToJsonString(),
                };
                var response = await handler.HandleAsync(request, context);
                Assert.Equal(200, response.StatusCode);
                var envelope = JsonNode.Parse(response.Body!)!;
                var callResult = envelope["result"] ?? throw new InvalidOperationException("MCP answered without a result: " + response.Body);
                return new FaceAnswer(Parse((string)callResult["content"]![0]!["text"]!), envelope);
            }

            case Face.BedrockFunctionDetails:
            {
                var handler = new BedrockActionGroupHandler(registry);
                var response = await handler.HandleAsync(Element(ActionGroupEvent(definition, arguments, approvalToken, openApi: false)), context);
                var body = (string)response["response"]!["functionResponse"]!["responseBody"]!["TEXT"]!["body"]!;
                return new FaceAnswer(Parse(body), response);
            }

            case Face.BedrockOpenApi:
            {
                var handler = new BedrockActionGroupHandler(registry);
                var response = await handler.HandleAsync(Element(ActionGroupEvent(definition, arguments, approvalToken, openApi: true)), context);
                var body = (string)response["response"]!["responseBody"]!["application/json"]!["body"]!;
                return new FaceAnswer(Parse(body), response);
            }

            case Face.ReturnControl:
            {
                var executor = new ToolReturnControlExecutor(registry, new ReturnControlExecutorOptions
                {
                    ClusterName = scenario.ClusterName,
                    ApprovalToken = approvalToken,
                    CallerIdentity = Caller,
                    Logger = context.Logger,
                    Metrics = context.Metrics,
                });
                var request = new ReturnControlRequest
                {
                    Round = 1,
                    SessionId = "session-parity",
                    Payload = new ReturnControlPayload
                    {
                        InvocationId = "invocation-1",
                        InvocationInputs =
                        [
                            new InvocationInput
                            {
                                FunctionInvocationInput = new FunctionInvocationInput
                                {
                                    ActionGroup = definition.IsWrite ? ToolArtifacts.WriteGroup : ToolArtifacts.ReadGroup,
                                    Function = tool,
                                    Parameters = [.. FunctionParameters(definition, arguments).Select(p => new ActionParameter { Name = p.Name, Type = p.Type, Value = p.Value })],
                                    ActionInvocationType = ActionInvocationType.Result,
                                    AgentId = "AGENT12345",
                                },
                            },
                        ],
                    },
                };
                var results = await executor.ExecuteAsync(request, context.CancellationToken);
                var result = Assert.Single(results.Results).FunctionResult!;
                var envelope = new JsonObject
                {
                    ["responseState"] = result.ResponseState?.ToString(),
                    ["confirmationState"] = result.ConfirmationState?.ToString(),
                };
                return new FaceAnswer(Parse(result.ResponseBody![EksOps.Aws.BedrockAgentRuntime.InvocationResult.TextContentType].Body!), envelope);
            }

            case Face.AgentCoreGateway:
            {
                var handler = new GatewayTargetHandler(registry);
                context.ClientContext = TestClientContext.ForAgentCoreTool("eksops___" + tool);
                var response = await handler.HandleAsync(Element(arguments), context);
                return new FaceAnswer(Parse((string)response["content"]![0]!["text"]!), response);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(face), face, null);
        }
    }

    private JsonObject ActionGroupEvent(ToolDefinition definition, JsonObject arguments, string? approvalToken, bool openApi)
    {
        var sessionAttributes = new JsonObject { [BedrockSessionAttributes.Cluster] = scenario.ClusterName };
        if (approvalToken is not null)
        {
            sessionAttributes[BedrockSessionAttributes.ApprovalToken] = approvalToken;
        }

        var parameters = openApi
            ? definition.Parameters.Where(p => arguments.ContainsKey(p.Name)).Select(p => (p.Name, BedrockType(p), BedrockValue(arguments[p.Name]!)))
            : FunctionParameters(definition, arguments);
        var list = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Item1, ["type"] = p.Item2, ["value"] = p.Item3 })]);
        var actionGroupEvent = new JsonObject
        {
            ["messageVersion"] = "1.0",
            ["agent"] = new JsonObject { ["name"] = "eksops", ["id"] = "AGENT12345", ["alias"] = "TSTALIASID", ["version"] = "DRAFT" },
            ["inputText"] = "Why is checkout restarting?",
            ["sessionId"] = "session-parity",
            ["actionGroup"] = definition.IsWrite ? ToolArtifacts.WriteGroup : ToolArtifacts.ReadGroup,
            ["sessionAttributes"] = sessionAttributes,
            ["promptSessionAttributes"] = new JsonObject(),
        };
        if (openApi)
        {
            actionGroupEvent["apiPath"] = "/tools/" + definition.Name;
            actionGroupEvent["httpMethod"] = "POST";
            actionGroupEvent["parameters"] = new JsonArray();
            actionGroupEvent["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["properties"] = list } },
            };
        }
        else
        {
            actionGroupEvent["function"] = definition.Name;
            actionGroupEvent["parameters"] = list;
        }

        return actionGroupEvent;
    }

    /// <summary>The function-details parameters Bedrock sends: the direct ones as strings, the folded ones as one <c>options</c> JSON string.</summary>
    private static IEnumerable<(string Name, string Type, string Value)> FunctionParameters(ToolDefinition definition, JsonObject arguments)
    {
        var (direct, folded) = ToolArtifacts.BedrockParameters(definition);
        foreach (var p in direct.Where(p => arguments.ContainsKey(p.Name)))
        {
            yield return (p.Name, BedrockType(p), BedrockValue(arguments[p.Name]!));
        }

        var options = new JsonObject();
        foreach (var p in folded.Where(p => arguments.ContainsKey(p.Name)))
        {
            options[p.Name] = arguments[p.Name]!.DeepClone();
        }

        if (options.Count > 0)
        {
            yield return (BedrockArgumentCoercer.OptionsParameter, "string", options.ToJsonString());
        }
    }

    private static string BedrockType(ToolParameter p) => p.Type switch
    {
        ToolParameterType.StringArray => "array",
        ToolParameterType.Integer => "integer",
        ToolParameterType.Number => "number",
        ToolParameterType.Boolean => "boolean",
        _ => "string",
    };

    /// <summary>
    /// A value as Bedrock passes on what the model wrote: strings bare, objects as JSON text, arrays as <c>[a, b]</c>, or as
    /// JSON when an item holds a comma or bracket (the bare form could not say where such an item ends).
    /// </summary>
    private static string BedrockValue(JsonNode value) => value switch
    {
        JsonArray array when array.Any(v => v!.GetValueKind() != JsonValueKind.String || ((string)v!).IndexOfAny([',', '[', ']']) >= 0) => array.ToJsonString(),
        JsonArray array => "[" + string.Join(", ", array.Select(v => (string)v!)) + "]",
        JsonObject obj => obj.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string)v!,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        _ => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
    };

    private static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    private static JsonObject Parse(string text) => JsonNode.Parse(text)!.AsObject();
}
