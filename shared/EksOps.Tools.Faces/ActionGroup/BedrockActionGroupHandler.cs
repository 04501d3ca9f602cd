using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Lambda;
using EksOps.Tools.Faces.Internal;

namespace EksOps.Tools.Faces;

/// <summary>
/// The executor Lambda of a Bedrock agent action group: answers function-details and OpenAPI events (message version
/// 1.0) by running the named tool through the <see cref="ToolRegistry"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Tool: <c>function</c>, or the tool of <c>apiPath</c> (<c>/tools/&lt;name&gt;</c>).</item>
/// <item>Arguments: <c>parameters</c> and, for OpenAPI, <c>requestBody.content["application/json"].properties</c>,
/// coerced from Bedrock's strings by <see cref="BedrockArgumentCoercer"/> (which unfolds <c>options</c>).</item>
/// <item>Cluster and approval: the session attributes <see cref="BedrockSessionAttributes.Cluster"/> and
/// <see cref="BedrockSessionAttributes.ApprovalToken"/>.</item>
/// <item>Function details answer <c>functionResponse.responseBody.TEXT.body</c> with <c>responseState</c>
/// <c>REPROMPT</c> for invalid arguments and <c>FAILURE</c> for refusals and failures; OpenAPI answers
/// <c>responseBody["application/json"].body</c> with <c>httpStatusCode</c> 200, 400, 403 or 500.</item>
/// <item>Session and prompt session attributes are echoed, so they persist.</item>
/// </list>
/// An event that cannot be answered in Bedrock's shape throws <see cref="InvalidActionGroupEventException"/>; one whose
/// parameters or attributes are malformed is answered with a <c>malformed_event</c> error body.
/// </remarks>
public sealed class BedrockActionGroupHandler
{
    /// <summary>
    /// The output cap of the Bedrock faces in bytes. Bedrock takes a synchronous Lambda response, but AWS samples keep
    /// agent responses under about 25 KB; the body travels as an escaped string, so the JSON itself stays at 20,000.
    /// </summary>
    public const int DefaultMaxOutputBytes = 20_000;

    private const string JsonMediaType = "application/json";

    private readonly ToolRegistry _registry;
    private readonly int _maxOutputBytes;

    /// <summary>Creates the handler.</summary>
    /// <param name="registry">The tools served.</param>
    /// <param name="maxOutputBytes">The face's output cap; the tool's own cap applies when smaller.</param>
    public BedrockActionGroupHandler(ToolRegistry registry, int maxOutputBytes = DefaultMaxOutputBytes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutputBytes, 1024);
        _registry = registry;
        _maxOutputBytes = maxOutputBytes;
    }

    /// <summary>Answers one action-group event.</summary>
    /// <param name="actionGroupEvent">The event as Bedrock sent it.</param>
    /// <param name="context">The invocation; its logger, metrics and cancellation go to the registry.</param>
    /// <returns>The response in Bedrock's shape for the event's form.</returns>
    /// <exception cref="InvalidActionGroupEventException">The event is not an action-group event that can be answered.</exception>
    public async Task<JsonObject> HandleAsync(JsonElement actionGroupEvent, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ActionGroupEvent call;
        try
        {
            call = ActionGroupEvent.Read(actionGroupEvent);
        }
        catch (InvalidActionGroupEventException e)
        {
            context.Logger.LogWarning($"not an action-group event: {e.Message}");
            throw;
        }

        if (call.Problem is not null)
        {
            context.Logger.LogWarning($"malformed action-group event for {call.Function ?? call.ApiPath}: {call.Problem}");
            return Respond(call, FaceJson.Serialize(FaceJson.Error("malformed_event", $"Bedrock sent a malformed event: {call.Problem}")), ToolOutcome.Failed, httpStatus: 400);
        }

        string? toolName = call.Function ?? ToolNames.FromOpenApiPath(call.ApiPath);
        if (toolName is null)
        {
            string message = $"{call.ApiPath} is not a tool path; the tools are {string.Join(", ", _registry.Definitions.Select(d => ToolNames.OpenApiPath(d.Name)))}";
            context.Logger.LogWarning($"unknown API path: {message}");
            return Respond(call, FaceJson.Serialize(FaceJson.Error("unknown_tool", message)), ToolOutcome.UnknownTool);
        }

        var result = await _registry.InvokeAsync(toolName, FaceArguments.Coerce(_registry, toolName, call.Parameters), new ToolInvocationContext
        {
            ClusterName = call.SessionAttribute(BedrockSessionAttributes.Cluster),
            ApprovalToken = call.SessionAttribute(BedrockSessionAttributes.ApprovalToken),
            Caller = new ToolCaller(call.Caller, call.IsFunction ? ToolFace.BedrockFunction : ToolFace.BedrockOpenApi, call.SessionId),
            CancellationToken = context.CancellationToken,
            Logger = context.Logger,
            Metrics = context.Metrics,
            MaxOutputBytes = _maxOutputBytes,
        }).ConfigureAwait(false);
        return Respond(call, result.ToJsonText(), result.Outcome);
    }

    // httpStatus overrides the outcome's status: a malformed request is a 400, though no tool ran.
    private static JsonObject Respond(ActionGroupEvent call, string body, ToolOutcome outcome, int? httpStatus = null)
    {
        JsonObject response;
        if (call.IsFunction)
        {
            var functionResponse = new JsonObject();
            if (BedrockOutcomes.ResponseStateOf(outcome) is { } state)
            {
                functionResponse["responseState"] = BedrockOutcomes.WireName(state);
            }

            functionResponse["responseBody"] = new JsonObject { ["TEXT"] = new JsonObject { ["body"] = body } };
            response = new JsonObject
            {
                ["actionGroup"] = call.ActionGroup,
                ["function"] = call.Function,
                ["functionResponse"] = functionResponse,
            };
        }
        else
        {
            // responseState is documented for function details only; the status code carries the outcome here.
            response = new JsonObject
            {
                ["actionGroup"] = call.ActionGroup,
                ["apiPath"] = call.ApiPath,
                ["httpMethod"] = call.HttpMethod ?? "POST",
                ["httpStatusCode"] = httpStatus ?? BedrockOutcomes.HttpStatusOf(outcome),
                ["responseBody"] = new JsonObject { [JsonMediaType] = new JsonObject { ["body"] = body } },
            };
        }

        return new JsonObject
        {
            ["messageVersion"] = "1.0",
            ["response"] = response,
            ["sessionAttributes"] = call.SessionAttributes,
            ["promptSessionAttributes"] = call.PromptSessionAttributes,
        };
    }
}
