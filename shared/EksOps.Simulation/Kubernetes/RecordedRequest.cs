namespace EksOps.Simulation.Kubernetes;

/// <summary>One request the simulated API server answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/api/v1/namespaces/shop/pods</c>.</param>
/// <param name="Query">The query string without the leading <c>?</c>.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int StatusCode);
