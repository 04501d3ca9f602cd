namespace EksOps.Diagnosis.Evidence;

/// <summary>One container log read (current or previous instance).</summary>
internal sealed record ObservedLog(string Namespace, string Pod, string Container, bool Previous, string Text, string EvidenceId)
{
    public ObjectRef PodRef => new("Pod", Namespace, Pod);
}
