namespace EksOps.Simulation.Kubernetes;

/// <summary>What a response carries, chosen from the request's <c>Accept</c> header.</summary>
internal enum Representation
{
    /// <summary>The objects themselves (<c>application/json</c>).</summary>
    Object,

    /// <summary>A server-side <c>Table</c> (<c>application/json;as=Table;v=v1;g=meta.k8s.io</c>).</summary>
    Table,

    /// <summary><c>PartialObjectMetadata</c>: metadata only.</summary>
    Metadata,

    /// <summary>Aggregated discovery (<c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList</c>).</summary>
    AggregatedDiscovery,
}
