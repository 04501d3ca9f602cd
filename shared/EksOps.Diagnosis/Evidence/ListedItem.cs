namespace EksOps.Diagnosis.Evidence;

/// <summary>One row of <c>list_k8s_resources</c>: enough to decide which objects are worth reading in full.</summary>
internal sealed record ListedItem(
    string Kind, string? Namespace, string Name, string Status, DateTimeOffset? CreatedAt, IReadOnlyDictionary<string, string> Labels, string? Owner, string EvidenceId)
{
    public ObjectRef Ref => new(Kind, Namespace, Name);

    /// <summary>A pod whose one-line status says it runs with every container ready and never restarted.</summary>
    public bool LooksHealthyPod
    {
        get
        {
            if (!Status.StartsWith("Running ", StringComparison.Ordinal) || !Status.Contains(" 0 restarts", StringComparison.Ordinal))
            {
                return false;
            }

            var ready = Status["Running ".Length..].Split(' ', 2)[0].Split('/');
            return ready.Length == 2 && ready[0] == ready[1];
        }
    }
}
