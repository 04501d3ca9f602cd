using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Diagnosis.Internal;
using EksOps.Tools;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// Passes each RETURN_CONTROL round to the registry's executor and records what the agent asked for and how it was
/// answered, and which Kubernetes objects the answers showed it (so its subject can be checked against what it saw).
/// </summary>
internal sealed class RecordingReturnControlExecutor(IReturnControlExecutor inner) : IReturnControlExecutor
{
    private readonly List<AgentToolCall> _calls = [];

    public IReadOnlyList<AgentToolCall> Calls => _calls;

    /// <summary>The objects the tools returned to the agent.</summary>
    public HashSet<ObjectRef> Seen { get; } = [];

    public async Task<ReturnControlResults> ExecuteAsync(ReturnControlRequest request, CancellationToken cancellationToken)
    {
        var results = await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < request.InvocationInputs.Count && i < results.Results.Count; i++)
        {
            Record(request.Round, request.InvocationInputs[i], results.Results[i]);
        }

        return results;
    }

    private void Record(int round, InvocationInput input, InvocationResult result)
    {
        var (tool, parameters) = input switch
        {
            { FunctionInvocationInput: { } function } => (function.Function, function.Parameters),
            { ApiInvocationInput: { } api } => (
                ToolNames.FromOpenApiPath(api.ApiPath),
                [.. api.Parameters, .. api.RequestBody?.Content?.Values.SelectMany(c => c.Properties) ?? []]),
            _ => ((string?)null, (IReadOnlyList<ActionParameter>)[]),
        };
        var arguments = new JsonObject();
        foreach (var parameter in parameters.Where(p => p?.Name is { Length: > 0 }))
        {
            arguments[parameter.Name!] = parameter.Value is null ? null : SecretRedactor.Redact(parameter.Value);
        }

        var confirmation = result.FunctionResult?.ConfirmationState ?? result.ApiResult?.ConfirmationState;
        var body = Parse((result.FunctionResult?.ResponseBody ?? result.ApiResult?.ResponseBody)?.Values.FirstOrDefault()?.Body);
        var (outcome, detail) = Outcome(body, confirmation);
        _calls.Add(new AgentToolCall
        {
            Round = round,
            Tool = tool ?? "(none)",
            Arguments = JsonFields.Compact(arguments),
            Outcome = outcome,
            Confirmation = confirmation,
            Detail = detail,
        });
        if (outcome == "success")
        {
            Observe(tool, body);
        }
    }

    /// <summary>The outcome as the registry wrote it: an error code, a write envelope's status, or success.</summary>
    private static (string Outcome, string? Detail) Outcome(JsonNode? body, ConfirmationState? confirmation)
    {
        if (JsonFields.Str(body, "error", "code") is { } code)
        {
            return (code, JsonFields.Str(body, "error", "policy", "reason") ?? JsonFields.Str(body, "error", "message"));
        }

        if (JsonFields.Str(body, "status") is { } status && JsonFields.Object(body, "policy") is not null)
        {
            return (status, JsonFields.Str(body, "policy", "reason"));
        }

        // A confirmation-only answer carries no body: the confirmation is the outcome.
        return body is null && confirmation is { } state
            ? (state == ConfirmationState.Deny ? "denied" : "confirmed", null)
            : ("success", null);
    }

    private void Observe(string? tool, JsonNode? body)
    {
        if (tool == ToolCatalog.GetK8sResource.Name && JsonFields.Object(body, "object") is { } found
            && JsonFields.Str(found, "kind") is { } kind && JsonFields.Str(found, "metadata", "name") is { } name)
        {
            var ns = JsonFields.Str(found, "metadata", "namespace");
            Seen.Add(new ObjectRef(kind, ns, name));
            foreach (var owner in JsonFields.Objects(body, "ownerChain"))
            {
                if (JsonFields.Str(owner, "kind") is { } ownerKind && JsonFields.Str(owner, "name") is { } ownerName)
                {
                    Seen.Add(new ObjectRef(ownerKind, ns, ownerName));
                }
            }
        }
        else if (tool == ToolCatalog.ListK8sResources.Name && JsonFields.Str(body, "kind") is { } listed)
        {
            foreach (var item in JsonFields.Objects(body, "items"))
            {
                if (JsonFields.Str(item, "name") is { } itemName)
                {
                    Seen.Add(new ObjectRef(listed, JsonFields.Str(item, "namespace"), itemName));
                }
            }
        }
    }

    private static JsonNode? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // A plain-text answer has no outcome fields to read; it is recorded as a success.
            return null;
        }
    }
}
