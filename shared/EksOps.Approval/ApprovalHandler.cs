using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentEvents;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Mcp;

namespace EksOps.Approval;

/// <summary>
/// The approval function's one handler: the state machine's <c>request</c> step (<c>{"step": "request", …}</c>) and
/// Function URL requests (payload format 2.0: an object with <c>requestContext.http</c>), told apart by shape.
/// </summary>
/// <remarks>
/// A step event's failures are thrown (the state machine's Retry and Catch see them by type name); a Function URL
/// request always gets an HTTP answer. Any other event fails with <see cref="ApprovalEventException"/>.
/// </remarks>
/// <example>
/// <code>
/// return await LambdaRuntime.RunAsync&lt;JsonElement, JsonNode&gt;(
///     () => new ApprovalHandler(store, events, stepFunctions, ApprovalOptions.FromEnvironment()).HandleAsync,
///     ApprovalJsonContext.Default);
/// </code>
/// </example>
public sealed class ApprovalHandler
{
    private readonly ApprovalRequestStep _request;
    private readonly ApprovalFunctionUrlHandler _functionUrl;

    /// <summary>Creates the handler from its two parts.</summary>
    /// <param name="request">The request step.</param>
    /// <param name="functionUrl">The decision endpoint.</param>
    public ApprovalHandler(ApprovalRequestStep request, ApprovalFunctionUrlHandler functionUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(functionUrl);
        _request = request;
        _functionUrl = functionUrl;
    }

    /// <summary>Creates the handler and its parts over one store, sink and Step Functions client.</summary>
    /// <param name="store">The incident store.</param>
    /// <param name="events">Where Approval Requested is published.</param>
    /// <param name="stepFunctions">Calls the waiting task back.</param>
    /// <param name="options">Mode, links and keys.</param>
    /// <param name="time">The clock; default the system clock.</param>
    public ApprovalHandler(IIncidentStore store, IIncidentEventSink events, StepFunctionsClient stepFunctions, ApprovalOptions options, TimeProvider? time = null)
        : this(new ApprovalRequestStep(store, events, options, time), new ApprovalFunctionUrlHandler(store, stepFunctions, options, time))
    {
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="invocationEvent">The raw event.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The step result, or the Function URL response.</returns>
    /// <exception cref="ApprovalEventException">The event is neither shape, or a malformed step payload.</exception>
    /// <exception cref="ApprovalRequestException">The request step cannot ask for approval.</exception>
    public async Task<JsonNode> HandleAsync(JsonElement invocationEvent, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (invocationEvent.ValueKind == JsonValueKind.Object && invocationEvent.TryGetProperty("step", out _))
        {
            var result = await _request.RequestAsync(ApprovalStepEvent.Parse(invocationEvent), context).ConfigureAwait(false);
            return JsonSerializer.SerializeToNode(result, ApprovalJsonContext.Default.ApprovalStepResult)!;
        }

        if (invocationEvent.ValueKind == JsonValueKind.Object
            && invocationEvent.TryGetProperty("requestContext", out var requestContext)
            && requestContext.ValueKind == JsonValueKind.Object
            && requestContext.TryGetProperty("http", out var http)
            && http.ValueKind == JsonValueKind.Object)
        {
            FunctionUrlResponse response;
            FunctionUrlRequest? request = null;
            try
            {
                request = invocationEvent.Deserialize(FunctionUrlJsonContext.Default.FunctionUrlRequest);
            }
            catch (JsonException e)
            {
                context.Logger.LogWarning($"approval: a Function URL event could not be read: {e.Message}");
            }

            response = request is null
                ? ApprovalFunctionUrlHandler.Unreadable("The Function URL event could not be read (payload format 2.0 expected).")
                : await _functionUrl.HandleAsync(request, context).ConfigureAwait(false);
            return JsonSerializer.SerializeToNode(response, FunctionUrlJsonContext.Default.FunctionUrlResponse)!;
        }

        throw new ApprovalEventException(
            "The approval function takes a state-machine step ({\"step\": \"request\", \"incidentId\", \"taskToken\", \"timeoutSeconds\"}) "
            + $"or a Lambda Function URL request (payload format 2.0, with requestContext.http); this event is a JSON {invocationEvent.ValueKind.ToString().ToLowerInvariant()} that is neither.");
    }
}
