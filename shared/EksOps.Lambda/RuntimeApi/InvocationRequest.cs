namespace EksOps.Lambda.RuntimeApi;

/// <summary>One invocation as the Runtime API's <c>GET /next</c> delivered it: the headers and the raw event.</summary>
internal sealed record InvocationRequest(
    string RequestId,
    long? DeadlineUnixMs,
    string InvokedFunctionArn,
    string TraceId,
    string? ClientContextJson,
    string? CognitoIdentityJson,
    string TenantId,
    byte[] Event);
