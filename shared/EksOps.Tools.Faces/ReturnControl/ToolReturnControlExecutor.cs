using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Lambda;
using EksOps.Tools.Faces.Internal;

namespace EksOps.Tools.Faces;

/// <summary>
/// Runs the actions a Bedrock agent returned control for (an action group with <c>customControl: RETURN_CONTROL</c>)
/// through the <see cref="ToolRegistry"/>, for <see cref="BedrockAgentRuntimeClient.RunAgentAsync(InvokeAgentRequest, IReturnControlExecutor, ReturnControlLoopOptions?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>Each <c>functionInvocationInput</c> is answered with a <c>functionResult</c> (<c>TEXT</c> body), each
/// <c>apiInvocationInput</c> with an <c>apiResult</c> (<c>application/json</c> body, status 200/400/403/500), in order.
/// <c>responseState</c> is <c>REPROMPT</c> for invalid arguments and <c>FAILURE</c> for refusals and failures, as on
/// the action-group face.</para>
/// <para>Confirmation: the human in the loop is the approval token. A write, or an action the agent asked to have
/// confirmed, is answered <c>confirmationState: CONFIRM</c> when it ran (applied when policy allowed the exact change,
/// with the token where one was needed) and <c>DENY</c> when policy wants an approval the token does not give or refuses
/// the change; the body says why, and no <c>responseState</c> is added, so the agent can go on without it. For <c>USER_CONFIRMATION</c> (the agent's own Lambda runs the action after a
/// confirmation) nothing is applied here: a write is planned as a dry run and confirmed only if policy would allow that
/// exact change, other tools are confirmed (the executing Lambda applies the same policy), and no body is sent.</para>
/// </remarks>
public sealed class ToolReturnControlExecutor : IReturnControlExecutor
{
    private const string JsonMediaType = "application/json";

    private readonly ToolRegistry _registry;
    private readonly ReturnControlExecutorOptions _options;

    /// <summary>Creates the executor for one agent run.</summary>
    /// <param name="registry">The tools served.</param>
    /// <param name="options">The cluster, approval, caller, logger and metrics of the run.</param>
    public ToolReturnControlExecutor(ToolRegistry registry, ReturnControlExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _options = options;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">An invocation input has neither a function nor an API invocation (a kind this executor does not know).</exception>
    public async Task<ReturnControlResults> ExecuteAsync(ReturnControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<InvocationResult>(request.InvocationInputs.Count);

        // In order, one at a time: a later action may depend on an earlier change, and writes must not race.
        for (int index = 0; index < request.InvocationInputs.Count; index++)
        {
            var input = request.InvocationInputs[index];
            if (input?.FunctionInvocationInput is { } function)
            {
                var answer = await AnswerAsync(function.Function, Pairs(function.Parameters), function.ActionInvocationType, request, cancellationToken).ConfigureAwait(false);
                results.Add(InvocationResult.ForFunction(function, answer.Body, answer.State, answer.Confirmation));
            }
            else if (input?.ApiInvocationInput is { } api)
            {
                var parameters = Pairs(api.Parameters);
                foreach (var (mediaType, body) in api.RequestBody?.Content ?? new Dictionary<string, PropertyParameters>())
                {
                    if (mediaType.StartsWith(JsonMediaType, StringComparison.OrdinalIgnoreCase))
                    {
                        parameters.AddRange(Pairs(body.Properties));
                    }
                }

                var answer = await AnswerAsync(ToolNames.FromOpenApiPath(api.ApiPath), parameters, api.ActionInvocationType, request, cancellationToken, api.ApiPath).ConfigureAwait(false);
                results.Add(InvocationResult.ForApi(api, answer.Body, answer.HttpStatus, JsonMediaType, answer.State, answer.Confirmation));
            }
            else
            {
                throw new InvalidOperationException(
                    $"Invocation input {index} of {request.InvocationId} has neither a functionInvocationInput nor an apiInvocationInput; this executor cannot answer it.");
            }
        }

        return new ReturnControlResults { Results = results };
    }

    private async Task<Answer> AnswerAsync(
        string? toolName, List<KeyValuePair<string, string>> parameters, ActionInvocationType invocationType, ReturnControlRequest request, CancellationToken cancellationToken, string? apiPath = null)
    {
        bool asksConfirmation = invocationType is ActionInvocationType.UserConfirmation or ActionInvocationType.UserConfirmationAndResult;
        if (toolName is null)
        {
            string message = $"{(apiPath is null ? "the action names no function" : $"{apiPath} is not a tool path")}; the tools are {string.Join(", ", _registry.Definitions.Select(d => d.Name))}";
            _options.Logger.LogWarning($"return control refused: {message}");
            return Answer.From(FaceJson.Serialize(FaceJson.Error("unknown_tool", message)), ToolOutcome.UnknownTool, asksConfirmation ? ConfirmationState.Deny : null);
        }

        var arguments = FaceArguments.Coerce(_registry, toolName, parameters);
        _registry.TryGetDefinition(toolName, out var definition);
        bool confirmationOnly = invocationType == ActionInvocationType.UserConfirmation;
        if (confirmationOnly)
        {
            if (definition is not { IsWrite: true, DryRunParameter: { } dryRunParameter })
            {
                return Confirmed(toolName, definition is null ? ConfirmationState.Deny : ConfirmationState.Confirm, "the agent's executor runs it under the same policy");
            }

            arguments[dryRunParameter] = true;
        }

        var result = await _registry.InvokeAsync(toolName, arguments, new ToolInvocationContext
        {
            ClusterName = _options.ClusterName,
            ApprovalToken = _options.ApprovalToken,
            Caller = new ToolCaller(_options.CallerIdentity, ToolFace.ReturnControl, request.SessionId),
            CancellationToken = cancellationToken,
            Logger = _options.Logger,
            Metrics = _options.Metrics,
            MaxOutputBytes = _options.MaxOutputBytes,
        }).ConfigureAwait(false);

        if (confirmationOnly)
        {
            bool allowed = result.Outcome == ToolOutcome.Success && result.Decision?.IsAllowed == true;
            return Confirmed(toolName, allowed ? ConfirmationState.Confirm : ConfirmationState.Deny, result.Decision?.Reason ?? result.ErrorCode ?? "planned");
        }

        bool confirms = asksConfirmation || definition?.IsWrite == true;
        ConfirmationState? confirmation = result.Outcome switch
        {
            ToolOutcome.ApprovalRequired => ConfirmationState.Deny,
            ToolOutcome.PolicyDenied when confirms => ConfirmationState.Deny,
            ToolOutcome.Success when confirms => ConfirmationState.Confirm,
            _ => null,
        };
        if (confirmation is { } state)
        {
            _options.Logger.LogInformation($"return control {toolName}: {Wire(state)} ({result.Decision?.Reason ?? result.Outcome.ToString()})");
        }

        var answer = Answer.From(result.ToJsonText(), result.Outcome, confirmation);

        // DENY is itself the answer for a refused write; FAILURE on top would end the agent's whole run.
        return confirmation == ConfirmationState.Deny ? answer with { State = null } : answer;
    }

    private Answer Confirmed(string toolName, ConfirmationState state, string reason)
    {
        _options.Logger.LogInformation($"return control {toolName}: {Wire(state)} without running it ({reason})");
        return new Answer(null, null, null, state);
    }

    private static string Wire(ConfirmationState state) => state == ConfirmationState.Confirm ? "CONFIRM" : "DENY";

    private static List<KeyValuePair<string, string>> Pairs(IEnumerable<ActionParameter> parameters) =>
        [.. parameters.Where(p => p?.Name is { Length: > 0 } && p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Name!, p.Value!))];

    /// <summary>One action's answer: body (none for a confirmation only), response state, HTTP status and confirmation.</summary>
    private readonly record struct Answer(string? Body, ResponseState? State, int? HttpStatus, ConfirmationState? Confirmation)
    {
        public static Answer From(string body, ToolOutcome outcome, ConfirmationState? confirmation) =>
            new(body, BedrockOutcomes.ResponseStateOf(outcome), BedrockOutcomes.HttpStatusOf(outcome), confirmation);
    }
}
