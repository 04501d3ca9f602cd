using EksOps.Tools.Readers;

namespace EksOps.Tools.Actions;

/// <summary>Binds the write tool bodies of this library into a <see cref="ToolRegistryBuilder"/> (the counterpart of <see cref="ReadToolHandlers"/>).</summary>
public static class WriteToolHandlers
{
    /// <summary>Every tool this library implements.</summary>
    public static IReadOnlyList<string> Implemented { get; } = ["execute_runbook", "create_incident"];

    /// <summary>Binds <c>execute_runbook</c> and <c>create_incident</c>.</summary>
    /// <param name="builder">The registry builder, with the definitions added.</param>
    /// <param name="kubernetes">The Kubernetes clients per cluster (the same factory the read tools use).</param>
    /// <param name="incidents">The incident store (<see cref="InMemoryIncidentRecorder"/> locally; the flow's store through <c>EksOps.Tools.Hosting.IncidentStoreRecorder</c> when deployed).</param>
    /// <param name="events">Where incident events go (<see cref="EventBridgeIncidentPublisher"/> on a bus).</param>
    /// <param name="time">The clock for incident creation times; the system clock by default.</param>
    /// <returns>The builder.</returns>
    public static ToolRegistryBuilder BindAll(
        ToolRegistryBuilder builder, IKubernetesClientFactory kubernetes, IIncidentRecorder incidents, IIncidentEventPublisher events, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(events);
        return builder
            .Bind("execute_runbook", new ExecuteRunbookTool(kubernetes))
            .Bind("create_incident", new CreateIncidentTool(incidents, events, time));
    }
}
