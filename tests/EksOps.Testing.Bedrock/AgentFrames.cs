using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime.EventStreams;

namespace EksOps.Testing.Bedrock;

/// <summary>The messages a Bedrock Agent Runtime stream carries, encoded by AWSSDK.Core's encoder with the service's headers.</summary>
public static class AgentFrames
{
    /// <summary>One message with string headers (<c>:message-type</c>, <c>:event-type</c>…) and a UTF-8 payload, encoded by AWSSDK.Core.</summary>
    /// <param name="stringHeaders">The headers, in order.</param>
    /// <param name="payload">The payload text.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Message(IEnumerable<(string Name, string Value)> stringHeaders, string payload)
    {
        var headers = new List<IEventStreamHeader>();
        foreach (var (name, value) in stringHeaders)
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            headers.Add(header);
        }

        return new EventStreamMessage(headers, Encoding.UTF8.GetBytes(payload)).ToByteArray();
    }

    /// <summary>An event message of type <paramref name="eventType"/> with a JSON payload.</summary>
    /// <param name="eventType">The <c>:event-type</c>, for example <c>chunk</c>.</param>
    /// <param name="json">The payload.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Event(string eventType, string json) =>
        Message([(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")], json);

    /// <summary>A modeled exception message (<c>:message-type exception</c>).</summary>
    /// <param name="exceptionType">The <c>:exception-type</c>, for example <c>throttlingException</c>.</param>
    /// <param name="json">The payload.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Exception(string exceptionType, string json) =>
        Message([(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")], json);

    /// <summary>An unmodeled error message (<c>:message-type error</c>).</summary>
    /// <param name="code">The <c>:error-code</c>.</param>
    /// <param name="message">The <c>:error-message</c>.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Error(string code, string message) =>
        Message([(":message-type", "error"), (":error-code", code), (":error-message", message)], "");

    /// <summary>A <c>chunk</c> event carrying <paramref name="text"/> as UTF-8.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Chunk(string text) => ChunkBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A <c>chunk</c> event carrying raw bytes, optionally with an attribution.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="attribution">The <c>attribution</c> member, or null.</param>
    /// <returns>The message's bytes.</returns>
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
    /// <param name="traceType">The trace member, for example <c>orchestrationTrace</c>.</param>
    /// <param name="inputTokens">Prompt tokens.</param>
    /// <param name="outputTokens">Completion tokens.</param>
    /// <param name="sessionId">The session.</param>
    /// <returns>The message's bytes.</returns>
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
    /// <param name="text">The rationale.</param>
    /// <returns>The message's bytes.</returns>
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

    /// <summary>A <c>functionInvocationInput</c> of a return-control event.</summary>
    /// <param name="actionGroup">The action group.</param>
    /// <param name="function">The function (tool) name.</param>
    /// <param name="parameters">The parameters as the agent sends them.</param>
    /// <param name="actionInvocationType">The <c>actionInvocationType</c>, or null to leave it out.</param>
    /// <param name="agentId">The collaborator agent id, or null.</param>
    /// <returns>The invocation input.</returns>
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

    /// <summary>An <c>apiInvocationInput</c> of a return-control event.</summary>
    /// <param name="actionGroup">The action group.</param>
    /// <param name="apiPath">The API path, for example <c>/tools/get_k8s_resource</c>.</param>
    /// <param name="httpMethod">The method.</param>
    /// <param name="parameters">The path and query parameters.</param>
    /// <param name="body">The request body's media type and properties, or null.</param>
    /// <param name="actionInvocationType">The <c>actionInvocationType</c>, or null to leave it out.</param>
    /// <returns>The invocation input.</returns>
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

    /// <summary>A <c>returnControl</c> event.</summary>
    /// <param name="invocationId">The id the results must come back with.</param>
    /// <param name="inputs">The actions (<see cref="Function"/>, <see cref="Api"/>).</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] ReturnControl(string invocationId, params JsonObject[] inputs) => Event("returnControl", new JsonObject
    {
        ["invocationId"] = invocationId,
        ["invocationInputs"] = new JsonArray([.. inputs]),
    }.ToJsonString());

    /// <summary>A <c>files</c> event.</summary>
    /// <param name="files">The files.</param>
    /// <returns>The message's bytes.</returns>
    public static byte[] Files(params (string Name, string Type, byte[] Bytes)[] files) => Event("files", new JsonObject
    {
        ["files"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type, ["bytes"] = Convert.ToBase64String(f.Bytes) })]),
    }.ToJsonString());

    private static JsonArray Parameters((string Name, string Type, string Value)[] parameters) =>
        new([.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["type"] = p.Type, ["value"] = p.Value })]);
}
