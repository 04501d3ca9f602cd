namespace EksOps.Diagnosis.Evidence;

/// <summary>A Kubernetes event as <c>get_k8s_events</c> returns it (identical events merged with a count).</summary>
internal sealed record ObservedEvent(
    string Type, string Reason, string Message, long Count, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, ObjectRef Involved, string EvidenceId)
{
    public bool IsWarning => Type == "Warning";
}
