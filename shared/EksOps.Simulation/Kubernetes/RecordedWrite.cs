using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>One write the simulated API server accepted (dry runs included): what was asked and what changed.</summary>
public sealed class RecordedWrite
{
    /// <summary>The order among the cluster's writes, from 1.</summary>
    public required int Sequence { get; init; }

    /// <summary>The HTTP method: <c>PATCH</c>, <c>PUT</c>, <c>POST</c> or <c>DELETE</c>.</summary>
    public required string Verb { get; init; }

    /// <summary>The request path, e.g. <c>/apis/apps/v1/namespaces/shop/deployments/checkout/scale</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The query string without the leading <c>?</c>; empty when there was none.</summary>
    public required string Query { get; init; }

    /// <summary>For a PATCH, the patch media type (<c>application/strategic-merge-patch+json</c>,
    /// <c>application/merge-patch+json</c> or <c>application/json-patch+json</c>); otherwise null.</summary>
    public string? PatchType { get; init; }

    /// <summary>The request body as sent; empty when there was none.</summary>
    public required string Body { get; init; }

    /// <summary>Whether the request was a server-side dry run (<c>dryRun=All</c>): validated and answered, but nothing changed.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The API group of the resource; empty for core.</summary>
    public required string Group { get; init; }

    /// <summary>The resource, e.g. <c>deployments</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The subresource (<c>scale</c>, <c>status</c>, <c>eviction</c>), or null.</summary>
    public string? Subresource { get; init; }

    /// <summary>The namespace; null for cluster-scoped resources.</summary>
    public string? Namespace { get; init; }

    /// <summary>The object's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stored object before the write; null for a create.</summary>
    public JsonObject? Before { get; init; }

    /// <summary>The object the write produced (for a dry run, the one it would have produced); null when it removed the object.</summary>
    public JsonObject? After { get; init; }

    /// <summary>The HTTP status the server answered.</summary>
    public required int StatusCode { get; init; }
}
