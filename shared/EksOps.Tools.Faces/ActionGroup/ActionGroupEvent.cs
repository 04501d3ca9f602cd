using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Tools.Faces.Internal;

namespace EksOps.Tools.Faces;

/// <summary>
/// A Bedrock agent action-group event (message version 1.0) as the face needs it, in either form: function details
/// (<c>function</c>, <c>parameters</c>) or OpenAPI (<c>apiPath</c>, <c>httpMethod</c>, <c>parameters</c>,
/// <c>requestBody.content["application/json"].properties</c>).
/// </summary>
internal sealed class ActionGroupEvent
{
    private const string JsonMediaType = "application/json";

    private ActionGroupEvent(string actionGroup)
    {
        ActionGroup = actionGroup;
    }

    public string ActionGroup { get; }

    /// <summary>The function of a function-details event; <see langword="null"/> for an OpenAPI event.</summary>
    public string? Function { get; private init; }

    /// <summary>The path of an OpenAPI event; <see langword="null"/> for a function-details event.</summary>
    public string? ApiPath { get; private init; }

    public string? HttpMethod { get; private init; }

    /// <summary>Every (name, value) pair: <c>parameters</c>, then the JSON request body's properties.</summary>
    public List<KeyValuePair<string, string>> Parameters { get; } = [];

    /// <summary>What makes the parameters or attributes unusable, with its JSON path; answered in Bedrock's shape.</summary>
    public string? Problem { get; private set; }

    public JsonObject SessionAttributes { get; private set; } = [];

    public JsonObject PromptSessionAttributes { get; private set; } = [];

    public string? SessionId { get; private init; }

    /// <summary>The agent and alias that called, for logs: <c>bedrock-agent/&lt;id&gt;/&lt;alias&gt;</c>.</summary>
    public required string Caller { get; init; }

    public bool IsFunction => Function is not null;

    /// <summary>Reads the event.</summary>
    /// <exception cref="InvalidActionGroupEventException">The event cannot be answered in Bedrock's shape.</exception>
    public static ActionGroupEvent Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidActionGroupEventException($"$: expected a Bedrock agent action-group event (an object) but found {ParameterListReader.Kind(root)}");
        }

        if (root.TryGetProperty("messageVersion", out var version) && !(version.ValueKind == JsonValueKind.String && version.GetString() == "1.0"))
        {
            throw new InvalidActionGroupEventException($"$.messageVersion: Bedrock agents send \"1.0\"; this executor does not know {version.GetRawText()}");
        }

        string? actionGroup = OptionalString(root, "actionGroup");
        string? function = OptionalString(root, "function");
        string? apiPath = OptionalString(root, "apiPath");
        if (function is null && apiPath is null)
        {
            throw new InvalidActionGroupEventException("$: the event has neither \"function\" (function details) nor \"apiPath\" (OpenAPI); it is not a Bedrock agent action-group event");
        }

        if (function is not null && apiPath is not null)
        {
            throw new InvalidActionGroupEventException("$: the event has both \"function\" and \"apiPath\"; an action group has either function details or an OpenAPI schema");
        }

        if (actionGroup is null)
        {
            throw new InvalidActionGroupEventException("$.actionGroup: expected the action group's name, which the response must echo");
        }

        var agent = root.TryGetProperty("agent", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var read = new ActionGroupEvent(actionGroup)
        {
            Function = function,
            ApiPath = apiPath,
            HttpMethod = OptionalString(root, "httpMethod"),
            SessionId = OptionalString(root, "sessionId"),
            Caller = $"bedrock-agent/{(agent.ValueKind == JsonValueKind.Object ? OptionalString(agent, "id") : null) ?? "unknown"}/{(agent.ValueKind == JsonValueKind.Object ? OptionalString(agent, "alias") : null) ?? "unknown"}",
        };
        read.Problem = read.ReadAttributes(root)
            ?? ParameterListReader.Read(Member(root, "parameters"), "$.parameters", read.Parameters)
            ?? (apiPath is null ? null : read.ReadRequestBody(Member(root, "requestBody")));
        return read;
    }

    /// <summary>A session attribute's text, if it is a non-empty string.</summary>
    public string? SessionAttribute(string name) =>
        SessionAttributes[name] is JsonValue value && value.TryGetValue(out string? text) && text.Trim().Length > 0 ? text.Trim() : null;

    private string? ReadAttributes(JsonElement root)
    {
        foreach (string name in new[] { "sessionAttributes", "promptSessionAttributes" })
        {
            var attributes = Member(root, name);
            if (attributes.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                continue;
            }

            if (attributes.ValueKind != JsonValueKind.Object)
            {
                return $"$.{name}: expected a map of strings but found {ParameterListReader.Kind(attributes)}";
            }

            var copy = JsonNode.Parse(attributes.GetRawText())!.AsObject();
            if (name == "sessionAttributes")
            {
                SessionAttributes = copy;
            }
            else
            {
                PromptSessionAttributes = copy;
            }
        }

        return null;
    }

    private string? ReadRequestBody(JsonElement body)
    {
        if (body.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object || Member(body, "content") is not { ValueKind: JsonValueKind.Object } content)
        {
            return "$.requestBody: expected {\"content\": {\"application/json\": {\"properties\": [...]}}}";
        }

        foreach (var media in content.EnumerateObject())
        {
            if (media.Name.StartsWith(JsonMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return media.Value.ValueKind == JsonValueKind.Object
                    ? ParameterListReader.Read(Member(media.Value, "properties"), $"$.requestBody.content['{media.Name}'].properties", Parameters)
                    : $"$.requestBody.content['{media.Name}']: expected {{\"properties\": [...]}} but found {ParameterListReader.Kind(media.Value)}";
            }
        }

        return content.EnumerateObject().Any()
            ? $"$.requestBody.content: the tools take {JsonMediaType}, not {string.Join(", ", content.EnumerateObject().Select(m => m.Name))}"
            : null;
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : default;

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
