using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>A request the API server refuses: the HTTP status and the <c>Status</c> object it answers with.</summary>
internal sealed class ApiException(int code, JsonObject status) : Exception(status.Str("message"))
{
    public int Code { get; } = code;

    public JsonObject Status { get; } = status;
}
