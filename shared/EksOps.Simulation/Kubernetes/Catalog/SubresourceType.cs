namespace EksOps.Simulation.Kubernetes;

/// <summary>A subresource as discovery lists it (<c>pods/log</c>, <c>deployments/scale</c>); group and version only when they differ from the parent's.</summary>
internal sealed record SubresourceType(string Name, string Kind, IReadOnlyList<string> Verbs, string? Group = null, string? Version = null);
