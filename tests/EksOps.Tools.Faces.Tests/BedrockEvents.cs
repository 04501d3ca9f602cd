using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Faces.Tests;

/// <summary>Bedrock agent action-group events as Bedrock sends them: every value a string.</summary>
internal static class BedrockEvents
{
    public static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JsonElement Element(JsonNode node) => Element(node.ToJsonString());

    /// <summary>A function-details event.</summary>
    public static JsonObject Function(string function, JsonObject? sessionAttributes, params (string Name, string Type, string Value)[] parameters) => new()
    {
        ["messageVersion"] = "1.0",
        ["agent"] = new JsonObject { ["name"] = "eksops", ["id"] = "AGENT12345", ["alias"] = "TSTALIASID", ["version"] = "DRAFT" },
        ["inputText"] = "Why is checkout restarting?",
        ["sessionId"] = "session-1",
        ["actionGroup"] = "EksOpsRead",
        ["function"] = function,
        ["parameters"] = List(parameters),
        ["sessionAttributes"] = sessionAttributes?.DeepClone() ?? new JsonObject(),
        ["promptSessionAttributes"] = new JsonObject { ["incident"] = "INC-42" },
    };

    /// <summary>An OpenAPI event whose arguments are in the JSON request body, as the generated schemas declare them.</summary>
    public static JsonObject OpenApi(string apiPath, JsonObject? sessionAttributes, params (string Name, string Type, string Value)[] properties) => new()
    {
        ["messageVersion"] = "1.0",
        ["agent"] = new JsonObject { ["name"] = "eksops", ["id"] = "AGENT12345", ["alias"] = "TSTALIASID", ["version"] = "DRAFT" },
        ["inputText"] = "Why is checkout restarting?",
        ["sessionId"] = "session-2",
        ["actionGroup"] = "EksOpsRead",
        ["apiPath"] = apiPath,
        ["httpMethod"] = "POST",
        ["parameters"] = new JsonArray(),
        ["requestBody"] = new JsonObject
        {
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["properties"] = List(properties) } },
        },
        ["sessionAttributes"] = sessionAttributes?.DeepClone() ?? new JsonObject(),
        ["promptSessionAttributes"] = new JsonObject(),
    };

    public static JsonObject Session(string? cluster = null, string? approval = null)
    {
        var attributes = new JsonObject { ["tenant"] = "retail" };
        if (cluster is not null)
        {
            attributes[BedrockSessionAttributes.Cluster] = cluster;
        }

        if (approval is not null)
        {
            attributes[BedrockSessionAttributes.ApprovalToken] = approval;
        }

        return attributes;
    }

    /// <summary>The JSON body of a response, function or API form, parsed.</summary>
    public static JsonObject Body(JsonObject response)
    {
        var inner = response["response"]!;
        string text = inner["functionResponse"] is { } function
            ? (string)function["responseBody"]!["TEXT"]!["body"]!
            : (string)inner["responseBody"]!["application/json"]!["body"]!;
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonArray List((string Name, string Type, string Value)[] parameters) =>
        [.. parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["type"] = p.Type, ["value"] = p.Value })];
}
