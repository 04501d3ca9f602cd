using System.Net;

namespace EksOps.Lambda.RuntimeApi;

/// <summary>The Runtime API answered with a status the runtime did not expect.</summary>
internal sealed class RuntimeApiException(string operation, HttpStatusCode status, string body)
    : Exception($"Runtime API {operation} answered {(int)status} {status}: {body}")
{
    public HttpStatusCode StatusCode { get; } = status;
}
