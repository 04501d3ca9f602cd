namespace EksOps.Simulation.Kubernetes;

/// <summary>A field a field selector may name: where its value lives in the stored object, and the value when absent.</summary>
internal sealed record FieldLabel(string[] Path, string Default = "");
