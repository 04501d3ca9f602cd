using System.Text;
using System.Text.Json.Nodes;
using EksOps.Aws.Tests.EventStreams;

namespace EksOps.Aws.Tests.BedrockAgentRuntime;

/// <summary>The messages a Bedrock Agent Runtime stream carries, encoded by AWSSDK.Core's encoder with the service's headers.</summary>
internal static class AgentFrames
{
    public static byte[] Event(string eventType, string json) =>
        SdkFrames.Encode([(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")], json);

    public static byte[] Exception(string exceptionType, string json) =>
        SdkFrames.Encode([(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")], json);

    public static byte[] Error(string code, string message) =>
        SdkFrames.Encode([(":message-type", "error"), (":error-code", code), (":error-message", message)], "");

    public static byte[] Chunk(string text) => ChunkBytes(Encoding.UTF8.GetBytes(text));

    public static byte[] ChunkBytes(byte[] bytes, JsonNode? attribution = null)
    {
        var json = new JsonObject { ["bytes"] = Convert.ToBase64String(bytes) };
        if (attribution is not null)
        {
            json["attribution"] = attribution;
        }

        return Event("chunk", json.ToJsonString());
    }

    /// <summary>A trace whose model invocation output reports token usage.</summary>
    public static byte[] Usage(string traceType, int inputTokens, int outputTokens, string sessionId = "session-1") => Event("trace", new JsonObject
    {
        ["agentId"] = "AGENT12345",
        ["agentAliasId"] = "TSTALIASID",
        ["agentVersion"] = "DRAFT",
        ["sessionId"] = sessionId,
        ["eventTime"] = "2026-01-01T12:00:00.123Z",
        ["callerChain"] = new JsonArray(new JsonObject { ["agentAliasArn"] = "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/TSTALIASID" }),
        ["trace"] = new JsonObject
        {
            [traceType] = new JsonObject
            {
                ["modelInvocationOutput"] = new JsonObject
                {
                    ["traceId"] = "t-" + traceType,
                    ["rawResponse"] = new JsonObject { ["content"] = "…" },
                    ["metadata"] = new JsonObject
                    {
                        ["usage"] = new JsonObject { ["inputTokens"] = inputTokens, ["outputTokens"] = outputTokens },
                        ["totalTimeMs"] = 120,
                    },
                },
            },
        },
    }.ToJsonString());

    /// <summary>A rationale trace: no model output, so no usage; its observation carries metadata that must not be counted.</summary>
    public static byte[] Rationale(string text) => Event("trace", new JsonObject
    {
        ["agentId"] = "AGENT12345",
        ["sessionId"] = "session-1",
        ["trace"] = new JsonObject
        {
            ["orchestrationTrace"] = new JsonObject
            {
                ["rationale"] = new JsonObject { ["traceId"] = "r-1", ["text"] = text, ["metadata"] = new JsonObject { ["usage"] = new JsonObject { ["inputTokens"] = 999, ["outputTokens"] = 999 } } },
            },
        },
    }.ToJsonString());

    public static JsonObject Function(string actionGroup, string function, (string Name, string Type, string Value)[] parameters, string? actionInvocationType = null, string? agentId = null)
    {
        var input = new JsonObject
        {
            ["actionGroup"] = actionGroup,
            ["function"] = function,
            ["parameters"] = Parameters(parameters),
        };
        if (actionInvocationType is not null)
        {
            input["actionInvocationType"] = actionInvocationType;
        }

        if (agentId is not null)
        {
            input["agentId"] = agentId;
        }

        return new JsonObject { ["functionInvocationInput"] = input };
    }

    public static JsonObject Api(string actionGroup, string apiPath, string httpMethod, (string Name, string Type, string Value)[] parameters, (string MediaType, (string Name, string Type, string Value)[] Properties)? body = null, string? actionInvocationType = null)
    {
        var input = new JsonObject
        {
            ["actionGroup"] = actionGroup,
            ["apiPath"] = apiPath,
            ["httpMethod"] = httpMethod,
            ["parameters"] = Parameters(parameters),
        };
        if (body is { } b)
        {
            input["requestBody"] = new JsonObject { ["content"] = new JsonObject { [b.MediaType] = new JsonObject { ["properties"] = Parameters(b.Properties) } } };
        }

        if (actionInvocationType is not null)
        {
            input["actionInvocationType"] = actionInvocationType;
        }

        return new JsonObject { ["apiInvocationInput"] = input };
    }

    public static byte[] ReturnControl(string invocationId, params JsonObject[] inputs) => Event("returnControl", new JsonObject
    {
        ["invocationId"] = invocationId,
        ["invocationInputs"] = new JsonArray([.. inputs]),
    }.ToJsonString());

    public static byte[] Files(params (string Name, string Type, byte[] Bytes)[] files) => Event("files", new JsonObject
    {
        ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type, ["bytes"] = Convert.ToBase64String(f.Bytes) })]),
    }.ToJsonString());

    private static JsonArray Parameters((string Name, string Type, string Value)[] parameters) =>
        new([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["type"] = p.Type, ["value"] = p.Value })]);
}
