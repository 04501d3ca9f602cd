using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Scenarios;
using EksOps.Tools;
using EksOps.Tools.Faces;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// What an agent reads about one scenario, once per read tool — the objects around the incident's subject, its pods'
/// logs and events, its metric, the application logs, the alarm — and those calls as each tool function's event:
/// an MCP <c>tools/call</c> over a Function URL request, a Bedrock action-group function-details event, an AgentCore
/// Gateway target invocation (the arguments as the event, the tool in the client context).
/// </summary>
internal static class ToolCalls
{
    /// <summary>One call of every read tool, with arguments taken from the scenario.</summary>
    public static IReadOnlyList<(string Tool, JsonObject Arguments)> ReadsFor(Scenario scenario)
    {
        var pod = scenario.Objects.FirstOrDefault(o => (string?)o["kind"] == "Pod");
        var subject = scenario.Expect?.Subject;
        string ns = subject?.Namespace ?? (string?)pod?["metadata"]?["namespace"] ?? "default";
        var calls = new List<(string, JsonObject)>
        {
            ("list_k8s_resources", new JsonObject { ["kind"] = "Pod", ["namespace"] = ns }),
        };

        var resource = subject is not null
            ? new JsonObject { ["kind"] = subject.Kind, ["name"] = subject.Name }
            : new JsonObject { ["kind"] = "Pod", ["name"] = (string?)pod?["metadata"]?["name"] ?? "none" };
        if ((subject?.Namespace ?? (subject is null ? ns : null)) is { } resourceNamespace)
        {
            resource["namespace"] = resourceNamespace;
        }

        calls.Add(("get_k8s_resource", resource));
        if (scenario.Logs.Count > 0 && scenario.Logs[0] is var log)
        {
            calls.Add(("get_pod_logs", new JsonObject { ["namespace"] = log.Namespace, ["pod"] = log.Pod, ["container"] = log.Container, ["previous"] = log.Previous }));
        }
        else if (pod is not null)
        {
            calls.Add(("get_pod_logs", new JsonObject { ["namespace"] = (string?)pod["metadata"]?["namespace"] ?? ns, ["pod"] = (string?)pod["metadata"]?["name"] }));
        }

        calls.Add(("get_k8s_events", new JsonObject { ["namespace"] = ns, ["sinceSeconds"] = 7200 }));
        var metric = scenario.Metrics.Count > 0 ? scenario.Metrics[0] : null;
        var dimensions = new JsonObject();
        foreach (var (name, value) in metric?.Dimensions ?? new Dictionary<string, string> { ["ClusterName"] = scenario.Cluster.Name })
        {
            dimensions[name] = value;
        }

        calls.Add(("get_cloudwatch_metrics", new JsonObject
        {
            ["namespace"] = metric?.Namespace ?? "ContainerInsights",
            ["metricName"] = metric?.MetricName ?? "node_cpu_utilization",
            ["dimensions"] = dimensions,
            ["minutes"] = 180,
        }));
        calls.Add(("query_cloudwatch_logs", new JsonObject
        {
            ["logType"] = "application",
            ["query"] = "fields @timestamp, @message, kubernetes.pod_name | sort @timestamp desc | limit 50",
            ["minutes"] = 180,
        }));
        calls.Add(("get_alarm", new JsonObject { ["alarmName"] = scenario.Alarm.StateChange.AlarmName }));
        return calls;
    }

    /// <summary>An MCP JSON-RPC request as a Lambda Function URL (payload format 2.0) event.</summary>
    public static string McpEvent(int id, string method, JsonObject? parameters, string cluster)
    {
        var rpc = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            rpc["params"] = parameters;
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = "/mcp",
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject
            {
                ["content-type"] = "application/json",
                ["accept"] = "application/json, text/event-stream",
                ["mcp-protocol-version"] = "2025-11-25",
                ["eksops-cluster"] = cluster,
                ["host"] = "abcdefghij.lambda-url.us-east-1.on.aws",
            },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["requestId"] = Guid.NewGuid().ToString(),
                ["domainName"] = "abcdefghij.lambda-url.us-east-1.on.aws",
                ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/mcp", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "198.51.100.7", ["userAgent"] = "eksops-sizing" },
            },
            ["body"] = rpc.ToJsonString(),
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }

    /// <summary>
    /// A Bedrock agent function-details event: every value a string, the tool's advanced parameters folded into
    /// <c>options</c> as the generated action-group schema declares them.
    /// </summary>
    public static string ActionGroupEvent(string tool, JsonObject arguments, string cluster)
    {
        var definition = ToolCatalog.All.Single(d => d.Name == tool);
        var parameters = new JsonArray();
        var options = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            if (definition.FindParameter(name) is { Advanced: true })
            {
                options[name] = value?.DeepClone();
                continue;
            }

            parameters.Add(new JsonObject { ["name"] = name, ["type"] = BedrockType(value), ["value"] = Text(value) });
        }

        if (options.Count > 0)
        {
            parameters.Add(new JsonObject { ["name"] = BedrockArgumentCoercer.OptionsParameter, ["type"] = "string", ["value"] = options.ToJsonString() });
        }

        return new JsonObject
        {
            ["messageVersion"] = "1.0",
            ["agent"] = new JsonObject { ["name"] = "eksops", ["id"] = "AGENT12345", ["alias"] = "TSTALIASID", ["version"] = "DRAFT" },
            ["inputText"] = "What is wrong with this workload?",
            ["sessionId"] = "sizing-session",
            ["actionGroup"] = "EksOpsRead",
            ["function"] = tool,
            ["parameters"] = parameters,
            ["sessionAttributes"] = new JsonObject { [BedrockSessionAttributes.Cluster] = cluster },
            ["promptSessionAttributes"] = new JsonObject(),
        }.ToJsonString();
    }

    /// <summary>The client context AgentCore Gateway sends with a Lambda target's invocation.</summary>
    public static string GatewayClientContext(string tool) => new JsonObject
    {
        ["custom"] = new JsonObject
        {
            [GatewayTargetHandler.ToolNameKey] = "eksops" + ToolNames.GatewaySeparator + tool,
            ["bedrockAgentCoreGatewayId"] = "gw-sizing",
            ["bedrockAgentCoreTargetId"] = "eksops",
            ["bedrockAgentCoreSessionId"] = "sizing-session",
        },
    }.ToJsonString();

    private static string BedrockType(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        _ => "string",
    };

    private static string Text(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        null => string.Empty,
        _ => value.ToJsonString(),
    };
}
