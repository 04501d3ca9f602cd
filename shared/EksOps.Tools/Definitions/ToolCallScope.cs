namespace EksOps.Tools;

/// <summary>
/// What one call touches, for the policy: the Kubernetes namespace and the call's effective policy class (a read of a
/// Secret is a sensitive read even through a plain read tool). Definitions derive it from the validated arguments.
/// </summary>
/// <param name="Namespace">
/// The Kubernetes namespace; <see cref="AllNamespaces"/> for a request across every namespace; <see langword="null"/>
/// when the call is cluster-scoped or not about Kubernetes objects (CloudWatch).
/// </param>
/// <param name="PolicyClass">The call's effective class; at least the definition's own.</param>
public sealed record ToolCallScope(string? Namespace, ToolPolicyClass PolicyClass)
{
    /// <summary>The <see cref="Namespace"/> value for a request across every namespace.</summary>
    public const string AllNamespaces = "*";
}
