namespace EksOps.Simulation.Kubernetes;

/// <summary>A request for a resource path: <c>/apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]</c>.</summary>
internal sealed record ResourceRequest(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    /// <summary>The request path as recorded.</summary>
    public required string Path { get; init; }

    /// <summary>The query string without <c>?</c>.</summary>
    public required string Query { get; init; }
}
