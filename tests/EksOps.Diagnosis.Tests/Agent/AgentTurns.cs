using System.Text.Json.Nodes;
using EksOps.Testing.Bedrock;

namespace EksOps.Diagnosis.Tests.Agent;

/// <summary>What the scripted agent streams back: tool requests, final answers with token usage, and the request bodies it got.</summary>
internal static class AgentTurns
{
    public const string AgentId = "AGENT12345";
    public const string AliasId = "TSTALIASID";

    /// <summary>A turn that asks for the tools of <paramref name="inputs"/>, after a model trace reporting tokens.</summary>
    public static StreamReply Tools(string invocationId, params JsonObject[] inputs) =>
        new(AgentFrames.Usage("orchestrationTrace", 900, 60), AgentFrames.ReturnControl(invocationId, inputs));

    /// <summary>A read tool of the EksOpsRead group, with string parameters as the agent sends them.</summary>
    public static JsonObject Read(string tool, params (string Name, string Value)[] parameters) =>
        AgentFrames.Function("EksOpsRead", tool, [.. parameters.Select(p => (p.Name, "string", p.Value))]);

    /// <summary>A final turn whose text ends with <paramref name="answer"/> in a fenced block.</summary>
    public static StreamReply Answer(JsonObject answer) =>
        Final($"The evidence is consistent.\n\n```json\n{answer.ToJsonString()}\n```\n");

    public static StreamReply Final(string text) =>
        new(AgentFrames.Usage("orchestrationTrace", 1200, 150), AgentFrames.Chunk(text));

    /// <summary>The answer object of the requested shape.</summary>
    public static JsonObject AnswerJson(string rootCause, ObjectRef subject, string? runbook, params string[] evidence)
    {
        var answer = new JsonObject
        {
            ["rootCause"] = rootCause,
            ["subject"] = Reference(subject),
            ["proposal"] = runbook is null ? null : new JsonObject { ["runbook"] = runbook, ["target"] = Reference(subject) },
            ["rationale"] = "The containers are killed for exceeding their memory limit.",
            ["evidence"] = new JsonArray([.. evidence.Select(e => (JsonNode?)e)]),
            ["confidence"] = 0.93,
        };
        return answer;
    }

    public static JsonObject Reference(ObjectRef reference) =>
        new() { ["kind"] = reference.Kind, ["namespace"] = reference.Namespace, ["name"] = reference.Name };

    /// <summary>The <c>inputText</c> of a request the fake received.</summary>
    public static string? InputText(AgentRequest request) =>
        request.Json.TryGetProperty("inputText", out var text) ? text.GetString() : null;

    /// <summary>The results sent back in a request: <c>sessionState.returnControlInvocationResults</c>.</summary>
    public static JsonArray Results(AgentRequest request) =>
        JsonNode.Parse(request.Json.GetProperty("sessionState").GetProperty("returnControlInvocationResults").GetRawText())!.AsArray();

    /// <summary>The TEXT body of a function result, parsed.</summary>
    public static JsonNode Body(JsonNode result) =>
        JsonNode.Parse((string)result["functionResult"]!["responseBody"]!["TEXT"]!["body"]!)!;
}
