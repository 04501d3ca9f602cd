using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Resolution;

/// <summary>
/// Where an investigation looked: the object the alarm points at, the workload, service or node behind it, and every
/// object that belongs to it (pods, ReplicaSets, autoscalers, claims, jobs, nodes), which the analyst weighs first.
/// </summary>
internal sealed class InvestigationScope(ObjectRef alarmSubject)
{
    private readonly HashSet<ObjectRef> _related = [];

    /// <summary>Where the alarm points (a workload, a Service behind a target group, a node, or the cluster).</summary>
    public ObjectRef AlarmSubject { get; set; } = alarmSubject;

    /// <summary>The workload (or node, Service, cluster) the evidence was collected for.</summary>
    public ObjectRef Primary { get; set; } = alarmSubject;

    /// <summary>A Service the alarm reached through (a target group, a Service dimension), when there is one.</summary>
    public ObjectRef? Service { get; set; }

    /// <summary>What the alarm measures.</summary>
    public Symptom Symptoms { get; set; }

    /// <summary>Whether the alarm could not be tied to an object and the whole cluster was searched.</summary>
    public bool ClusterWide { get; set; }

    /// <summary>How the subject was resolved, for the summary.</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyCollection<ObjectRef> Related => _related;

    public void Relate(ObjectRef reference) => _related.Add(reference);

    public void Relate(ObservedObject observed) => _related.Add(observed.Ref);

    public bool Contains(ObjectRef reference) => reference == Primary || _related.Contains(reference) || (Service is { } s && s == reference);
}
