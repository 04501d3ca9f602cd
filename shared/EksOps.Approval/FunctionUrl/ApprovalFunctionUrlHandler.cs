using System.Text.Json.Nodes;
using EksOps.Approval.Decisions;
using EksOps.Approval.FunctionUrl;
using EksOps.Approval.Internal;
using EksOps.Aws.StepFunctions;
using EksOps.IncidentStore;
using EksOps.Lambda;
using EksOps.Mcp;

namespace EksOps.Approval;

/// <summary>
/// The approval Function URL (payload format 2.0, buffered): takes approve/deny decisions and calls the waiting
/// state machine back.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>request</term><description>answer</description></listheader>
/// <item><term><c>GET /decide?…</c> (link mode)</term><description>200: a confirmation page whose form POSTs back; nothing changes, so mail scanners that fetch links decide nothing</description></item>
/// <item><term><c>POST /decide?…</c> (link mode; form or JSON <c>{approver, reason}</c>)</term><description>200 approved/denied, after the signature, expiry, single use and the plan's hash are checked</description></item>
/// <item><term><c>POST /decisions</c> (IAM mode; JSON <c>{incidentId, decision, reason, patchHash?}</c>)</term><description>200 approved/denied; the approver is the IAM caller</description></item>
/// <item><term>malformed link, body or event</term><description>400</description></item>
/// <item><term>IAM caller missing</term><description>401</description></item>
/// <item><term>bad or unknown-key signature</term><description>403</description></item>
/// <item><term>unknown incident; route off in this mode; other paths</term><description>404</description></item>
/// <item><term>other methods</term><description>405 with <c>Allow</c></description></item>
/// <item><term>already decided, link already used, stale plan, nothing pending, flow no longer waiting</term><description>409</description></item>
/// <item><term>link or approval expired (also Step Functions <c>TaskTimedOut</c>)</term><description>410</description></item>
/// <item><term>body over <see cref="ApprovalOptions.MaxBodyBytes"/> / not a form or JSON</term><description>413 / 415</description></item>
/// <item><term>Step Functions unreachable before / after recording</term><description>503 / 502</description></item>
/// </list>
/// <para>Pages are HTML (escaped, no scripts, <c>Content-Security-Policy</c>, <c>no-store</c>, <c>no-referrer</c>);
/// JSON (<c>{outcome, message, incidentId, approver}</c>) when the request body is JSON or <c>Accept</c> asks for JSON
/// and not HTML. No answer carries a stack trace: an unexpected error is logged and answered 500.</para>
/// </remarks>
public sealed class ApprovalFunctionUrlHandler
{
    private readonly IIncidentStore _store;
    private readonly ApprovalOptions _options;
    private readonly ApprovalDecider _decider;

    /// <summary>Creates the handler (once per Lambda sandbox).</summary>
    /// <param name="store">The incident store (plan, request, approval entries; link nonces).</param>
    /// <param name="stepFunctions">Calls the waiting task back.</param>
    /// <param name="options">Mode, links and keys.</param>
    /// <param name="time">The clock; default the system clock.</param>
    public ApprovalFunctionUrlHandler(IIncidentStore store, StepFunctionsClient stepFunctions, ApprovalOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stepFunctions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _decider = new ApprovalDecider(store, stepFunctions, options, time ?? TimeProvider.System);
    }

    /// <summary>Answers one Function URL request; never throws for a bad request.</summary>
    /// <param name="request">The event.</param>
    /// <param name="context">The invocation: logger, metrics, deadline.</param>
    /// <returns>The buffered response.</returns>
    public async Task<FunctionUrlResponse> HandleAsync(FunctionUrlRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var http = new HttpRequestView(request);
        try
        {
            return await RouteAsync(http, context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.Logger.LogError("approval: the request did not finish before the function's deadline");
            return Respond(http, new DecisionOutcome(504, "timeout", "Try again", "The request did not finish in time; if the decision was recorded, the page of the link says so on reload."));
        }
        catch (Exception e)
        {
            // A bad request must never end the runtime loop or show internals; the log has the details.
            context.Logger.LogError($"approval: unexpected error answering {http.Method} {http.Path}", e);
            return Respond(http, new DecisionOutcome(500, "error", "Something went wrong",
                $"The decision could not be processed (request id {context.AwsRequestId}). Nothing more than what the incident's timeline shows was changed."));
        }
    }

    /// <summary>The response for a Function URL event that could not even be read (used by <see cref="ApprovalHandler"/>).</summary>
    internal static FunctionUrlResponse Unreadable(string message) =>
        Json(400, new DecisionOutcome(400, "bad-request", "The request is malformed", message));

    private async Task<FunctionUrlResponse> RouteAsync(HttpRequestView http, ILambdaContext context)
    {
        if (http.Method is null)
        {
            return Respond(http, DecisionOutcome.BadRequest("The event has no requestContext.http.method; it is not a Function URL request."));
        }

        switch (http.Route)
        {
            case ApprovalLink.PathSegment when _options.AuthMode != ApprovalAuthMode.Link:
                return Respond(http, new DecisionOutcome(404, "not-found", "Approval links are off",
                    "This deployment takes decisions from IAM callers only (EKSOPS_APPROVAL_AUTH=iam): POST /decisions."));
            case ApprovalLink.PathSegment:
                return http.Method switch
                {
                    "GET" or "HEAD" => await ConfirmAsync(http, context).ConfigureAwait(false),
                    "POST" => await DecideByLinkAsync(http, context).ConfigureAwait(false),
                    _ => MethodNotAllowed(http, "GET, HEAD, POST"),
                };
            case "decisions" when _options.AuthMode != ApprovalAuthMode.Iam:
                return Respond(http, new DecisionOutcome(404, "not-found", "IAM decisions are off",
                    "This deployment takes decisions through the signed links of the Approval Requested event (EKSOPS_APPROVAL_AUTH=link)."));
            case "decisions":
                return http.Method == "POST" ? await DecideByIamAsync(http, context).ConfigureAwait(false) : MethodNotAllowed(http, "POST");
            default:
                return Respond(http, new DecisionOutcome(404, "not-found", "Not found",
                    _options.AuthMode == ApprovalAuthMode.Link ? "Approval links look like <approval URL>/decide?incident=…; open the link exactly as it was sent." : "Decisions go to POST /decisions."));
        }
    }

    private async Task<FunctionUrlResponse> ConfirmAsync(HttpRequestView http, ILambdaContext context)
    {
        if (VerifiedLink(http, out var refusal) is not { } link)
        {
            return refusal!;
        }

        var state = await ApprovalState.LoadAsync(_store, link.IncidentId, context.CancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return Respond(http, DecisionOutcome.NotFound(link.IncidentId));
        }

        if (ApprovalDecider.NotPending(state, link.PatchHash) is { } notPending)
        {
            return Respond(http, notPending);
        }

        var change = state.Plan!.ReadChange();
        if (http.WantsJson)
        {
            return Json(200, new DecisionOutcome(200, "confirm", "Confirm the decision",
                $"POST to this link to {DecisionText.Of(link.Decision)} {change.Summary} ({change.Target}).") { IncidentId = link.IncidentId });
        }

        string action = http.Path + "?" + http.Query;
        return Html(200, ApprovalPages.Confirmation(link, state, change, action), http.Method == "HEAD");
    }

    private async Task<FunctionUrlResponse> DecideByLinkAsync(HttpRequestView http, ILambdaContext context)
    {
        if (VerifiedLink(http, out var refusal) is not { } link)
        {
            return refusal!;
        }

        if (ReadFields(http, out var fieldsRefusal) is not { } fields)
        {
            return fieldsRefusal!;
        }

        string approver = fields["approver"] is { } name ? $"{name} (approval link)" : "approval link holder";
        var outcome = await _decider.DecideAsync(
            new DecisionRequest(link.IncidentId, link.Decision, approver, fields["reason"], "link", link.PatchHash, link.Nonce, link.ExpiresAt, http.SourceIp),
            context).ConfigureAwait(false);
        return Respond(http, outcome);
    }

    private async Task<FunctionUrlResponse> DecideByIamAsync(HttpRequestView http, ILambdaContext context)
    {
        if (http.IamCaller is not { Length: > 0 } caller)
        {
            return Json(401, new DecisionOutcome(401, "unauthorized", "Not authenticated",
                "POST /decisions needs a SigV4-signed request through a Function URL with auth type AWS_IAM; the caller is the approver."));
        }

        if (http.ContentType is not "application/json")
        {
            return Json(415, new DecisionOutcome(415, "unsupported-media-type", "Send JSON",
                "POST /decisions takes application/json: {\"incidentId\", \"decision\": \"approve\"|\"deny\", \"reason\", \"patchHash\"?}."));
        }

        if (ReadFields(http, out var refusal) is not { } fields)
        {
            return refusal!;
        }

        string? incidentId = fields["incidentId"];
        if (incidentId is null || !ExecutionNames.IsValid(incidentId))
        {
            return Json(400, DecisionOutcome.BadRequest("incidentId is required: the incident's id (its execution name)."));
        }

        if (!DecisionText.TryParse(fields["decision"], out var decision))
        {
            return Json(400, DecisionOutcome.BadRequest("decision is required: \"approve\" or \"deny\"."));
        }

        string? patchHash = fields["patchHash"];
        if (patchHash is not null && !ApprovalLink.IsPatchHash(patchHash))
        {
            return Json(400, DecisionOutcome.BadRequest("patchHash, when given, is 'sha256:' and 64 lowercase hex digits (the plan's patchHash)."));
        }

        var outcome = await _decider.DecideAsync(
            new DecisionRequest(incidentId, decision, caller, fields["reason"], "iam", patchHash, null, null, http.SourceIp),
            context).ConfigureAwait(false);
        return Json(outcome.StatusCode, outcome);
    }

    /// <summary>The link of the request, well-formed, correctly signed and not expired; otherwise the refusal.</summary>
    private ApprovalLink? VerifiedLink(HttpRequestView http, out FunctionUrlResponse? refusal)
    {
        refusal = null;
        if (!ApprovalLink.TryParse(http.Query, out var link, out string error))
        {
            refusal = Respond(http, DecisionOutcome.BadRequest(error[..1].ToUpperInvariant() + error[1..] + "."));
            return null;
        }

        var check = _options.Links!.Verify(link);
        if (check.IsValid)
        {
            return link;
        }

        refusal = Respond(http, check.Status == ApprovalLinkStatus.Expired
            ? new DecisionOutcome(410, "expired", "This approval link expired", $"This link expired at {ApprovalLinkSigner.Iso(link.ExpiresAt)}, when the approval timed out; the incident escalates without the change.") { IncidentId = link.IncidentId }
            : new DecisionOutcome(403, "forbidden", "This link is not valid", char.ToUpperInvariant(check.Reason[0]) + check.Reason[1..] + "."));
        return null;
    }

    private DecisionFields? ReadFields(HttpRequestView http, out FunctionUrlResponse? refusal)
    {
        refusal = null;
        if (http.BodyLength > _options.MaxBodyBytes)
        {
            refusal = Respond(http, new DecisionOutcome(413, "too-large", "The request is too large", $"A decision body has at most {_options.MaxBodyBytes} bytes."));
            return null;
        }

        var fields = DecisionFields.Read(http, out var error);
        if (fields is null)
        {
            refusal = Respond(http, error.Status == 415
                ? new DecisionOutcome(415, "unsupported-media-type", "Send a form or JSON", char.ToUpperInvariant(error.Message[0]) + error.Message[1..] + ".")
                : DecisionOutcome.BadRequest(char.ToUpperInvariant(error.Message[0]) + error.Message[1..] + "."));
        }

        return fields;
    }

    private static FunctionUrlResponse MethodNotAllowed(HttpRequestView http, string allow)
    {
        var response = Respond(http, new DecisionOutcome(405, "method-not-allowed", "Method not allowed", $"This address answers {allow}."));
        response.Headers["allow"] = allow;
        return response;
    }

    private static FunctionUrlResponse Respond(HttpRequestView http, DecisionOutcome outcome) =>
        http.WantsJson || http.Route == "decisions"
            ? Json(outcome.StatusCode, outcome)
            : Html(outcome.StatusCode, ApprovalPages.Outcome(outcome), http.Method == "HEAD");

    private static FunctionUrlResponse Json(int status, DecisionOutcome outcome) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = "application/json",
            ["cache-control"] = "no-store",
            ["x-content-type-options"] = "nosniff",
        },
        Body = new JsonObject
        {
            ["outcome"] = outcome.Code,
            ["message"] = outcome.Message,
            ["incidentId"] = outcome.IncidentId,
            ["approver"] = outcome.Approver,
        }.ToJsonString(),
    };

    private static FunctionUrlResponse Html(int status, string page, bool headOnly) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = "text/html; charset=utf-8",
            ["cache-control"] = "no-store",
            ["x-content-type-options"] = "nosniff",
            // The page's own URL is a credential: never send it on as a referrer.
            ["referrer-policy"] = "no-referrer",
            ["x-robots-tag"] = "noindex, nofollow",
            ["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        },
        Body = headOnly ? null : page,
    };
}
