using System.Text.Json.Nodes;
using EksOps.IncidentEvents;
using EksOps.IncidentFlow;
using EksOps.IncidentStore;
using EksOps.Simulation.Kubernetes;
using EksOps.StateMachine.Execution;

namespace EksOps.Local;

/// <summary>What a local replay did.</summary>
public sealed record LocalReplayResult
{
    /// <summary>The incident.</summary>
    public required string IncidentId { get; init; }

    /// <summary>AlarmIngest's answer.</summary>
    public required JsonObject Ingest { get; init; }

    /// <summary>How the execution ended.</summary>
    public required LocalExecutionDescription Execution { get; init; }

    /// <summary>The execution history, oldest first.</summary>
    public required IReadOnlyList<ExecutionHistoryEvent> History { get; init; }

    /// <summary>The incident record.</summary>
    public required IncidentRecord? Incident { get; init; }

    /// <summary>The incident's timeline.</summary>
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    /// <summary>The incident report the flow stored (the escalation report when it escalated); null if none was written.</summary>
    public required IncidentReport? Report { get; init; }

    /// <summary>Every event published.</summary>
    public required IReadOnlyList<RecordedIncidentEvent> Events { get; init; }

    /// <summary>Every write the simulated cluster accepted (dry runs included, flagged).</summary>
    public required IReadOnlyList<RecordedWrite> ClusterWrites { get; init; }
}
