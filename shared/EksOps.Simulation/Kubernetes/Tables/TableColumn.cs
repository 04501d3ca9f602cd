namespace EksOps.Simulation.Kubernetes;

/// <summary>A <c>TableColumnDefinition</c>; priority 1 columns show only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "");
