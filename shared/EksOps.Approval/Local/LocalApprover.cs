using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Approval.Internal;
using EksOps.Mcp;

namespace EksOps.Approval;

/// <summary>
/// A scriptable approver for local runs (<c>eksops replay --approve auto|deny|ask</c>): given an
/// <c>Approval Requested</c> event's detail, it clicks the approve or deny link by sending the approval function the
/// Function URL request (payload format 2.0, a JSON <c>POST</c> to the link) a browser's confirmation form would, so
/// the real decision path runs: signature, expiry, single use, plan hash, policy token, Step Functions callback.
/// </summary>
/// <example>
/// <code>
/// var approver = new LocalApprover((request, ct) => handler.HandleAsync(request, context), "replay");
/// var result = await approver.DecideAsync(approvalRequested.Detail, ApprovalDecision.Approve, "scripted approval", ct);
/// </code>
/// </example>
public sealed class LocalApprover
{
    private readonly Func<FunctionUrlRequest, CancellationToken, Task<FunctionUrlResponse>> _invoke;
    private readonly string _approverName;

    /// <summary>Creates the approver over a typed invoker (for example the handler in process).</summary>
    /// <param name="invoke">Sends a Function URL request to the approval function and returns its response.</param>
    /// <param name="approverName">The name the approver gives on the confirmation form.</param>
    public LocalApprover(Func<FunctionUrlRequest, CancellationToken, Task<FunctionUrlResponse>> invoke, string approverName = "local approver")
    {
        ArgumentNullException.ThrowIfNull(invoke);
        ArgumentException.ThrowIfNullOrWhiteSpace(approverName);
        _invoke = invoke;
        _approverName = approverName;
    }

    /// <summary>
    /// Creates the approver over a JSON invoker, for a function reached through the Lambda Runtime API: the event goes
    /// out as JSON text and the function's JSON response comes back.
    /// </summary>
    /// <param name="invokeJson">Invokes the approval function with an event (JSON text) and returns its response (JSON text).</param>
    /// <param name="approverName">The name the approver gives on the confirmation form.</param>
    /// <returns>The approver.</returns>
    public static LocalApprover ForJsonInvoker(Func<string, CancellationToken, Task<string>> invokeJson, string approverName = "local approver")
    {
        ArgumentNullException.ThrowIfNull(invokeJson);
        return new LocalApprover(
            async (request, cancellationToken) =>
            {
                string response = await invokeJson(JsonSerializer.Serialize(request, FunctionUrlJsonContext.Default.FunctionUrlRequest), cancellationToken).ConfigureAwait(false);
                return JsonSerializer.Deserialize(response, FunctionUrlJsonContext.Default.FunctionUrlResponse)
                    ?? throw new InvalidOperationException("The approval function answered JSON null instead of a Function URL response.");
            },
            approverName);
    }

    /// <summary>Clicks the link for <paramref name="decision"/> in an Approval Requested detail and submits the confirmation.</summary>
    /// <param name="approvalRequestedDetail">The event's detail (with <c>links.approve</c> and <c>links.deny</c>).</param>
    /// <param name="decision">Which link to click.</param>
    /// <param name="reason">The reason to give; default says it was scripted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the function answered.</returns>
    /// <exception cref="InvalidOperationException">The detail has no such link (for example the deployment uses IAM decisions), or the answer is not the function's JSON.</exception>
    public async Task<LocalApprovalResult> DecideAsync(JsonObject approvalRequestedDetail, ApprovalDecision decision, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approvalRequestedDetail);
        string which = DecisionText.Of(decision);
        string link = JsonRead.String(approvalRequestedDetail["links"], which)
            ?? throw new InvalidOperationException($"The Approval Requested detail has no links.{which}; the approval function must run with EKSOPS_APPROVAL_AUTH=link for local approvals.");
        var request = CreateRequest(new Uri(link, UriKind.Absolute), _approverName, reason ?? $"{which} by the local approver");
        var response = await _invoke(request, cancellationToken).ConfigureAwait(false);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(response.Body ?? "null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The approval function answered HTTP {response.StatusCode} without its JSON body.", e);
        }

        return new LocalApprovalResult(
            decision,
            response.StatusCode,
            JsonRead.String(body, "outcome") ?? throw new InvalidOperationException($"The approval function answered HTTP {response.StatusCode} without an outcome."),
            JsonRead.String(body, "message") ?? string.Empty);
    }

    /// <summary>The Function URL event (payload format 2.0) of submitting a link's confirmation form as JSON.</summary>
    /// <param name="link">The approve or deny link.</param>
    /// <param name="approverName">The approver's name.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The event.</returns>
    public static FunctionUrlRequest CreateRequest(Uri link, string approverName, string? reason)
    {
        ArgumentNullException.ThrowIfNull(link);
        string host = link.IsDefaultPort ? link.Host : $"{link.Host}:{link.Port}";
        return new FunctionUrlRequest
        {
            Version = "2.0",
            RawPath = link.AbsolutePath,
            RawQueryString = link.Query.TrimStart('?'),
            Headers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = host,
                ["content-type"] = "application/json",
                ["accept"] = "application/json",
                ["user-agent"] = "eksops-local-approver",
            },
            RequestContext = new FunctionUrlRequestContext
            {
                AccountId = "anonymous",
                RequestId = Guid.NewGuid().ToString(),
                DomainName = host,
                Http = new FunctionUrlHttp
                {
                    Method = "POST",
                    Path = link.AbsolutePath,
                    Protocol = "HTTP/1.1",
                    SourceIp = "127.0.0.1",
                    UserAgent = "eksops-local-approver",
                },
            },
            Body = new JsonObject { ["approver"] = approverName, ["reason"] = reason }.ToJsonString(),
            IsBase64Encoded = false,
        };
    }
}
