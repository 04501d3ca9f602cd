namespace EksOps.Simulation.Kubernetes;

/// <summary>A patch that cannot be applied: malformed (the server answers 400) or not applicable to the object (422 for JSON patch).</summary>
internal sealed class PatchException(string message, bool notApplicable = false) : Exception(message)
{
    public bool NotApplicable { get; } = notApplicable;
}
