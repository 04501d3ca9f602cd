namespace EksOps.Simulation.Kubernetes;

/// <summary>The log of one container instance of a pod, as <c>kubectl logs</c> would print it.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name (regular, init or ephemeral).</param>
/// <param name="Previous">Whether this is the previous, terminated instance (<c>kubectl logs --previous</c>) rather than the current one.</param>
/// <param name="Text">The log text, one line per log line; lines that start with an RFC 3339 timestamp can be filtered by <c>sinceSeconds</c> and <c>sinceTime</c>.</param>
public sealed record ContainerLog(string Namespace, string Pod, string Container, bool Previous, string Text);
