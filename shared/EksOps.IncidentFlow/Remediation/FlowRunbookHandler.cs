using System.Text.Json.Nodes;
using EksOps.Tools;
using EksOps.Tools.Actions;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>
/// <c>execute_runbook</c> as the incident flow binds it for one call: the real <see cref="ExecuteRunbookTool"/>, with the
/// registry's validation, policy, logging and metrics around it, plus what the flow needs that a face does not.
/// </summary>
/// <remarks>
/// <para>Planning (no stored plan): the tool plans and dry-runs; an unredacted copy of the plan is kept, because the
/// registry redacts the envelope it returns in place and an approval token must be bound to the exact patch.</para>
/// <para>Applying (a stored plan): the plan step's change is returned instead of planning again, so the registry's
/// policy decides on exactly the change that was planned (and approved), and the tool's apply checks that the target
/// still has the uid and generation the plan was made from before it sends that patch. A target that changed since the
/// plan is a conflict, never a silently different change. The tool's result is kept unredacted too.</para>
/// </remarks>
internal sealed class FlowRunbookHandler(ExecuteRunbookTool tool, ToolChangePlan? stored) : IWriteToolHandler
{
    /// <summary>The plan as the tool made it (or the stored one), before the registry redacted anything.</summary>
    public ToolChangePlan? Planned { get; private set; }

    /// <summary>The cluster the registry resolved for the call.</summary>
    public ClusterInfo? Cluster { get; private set; }

    /// <summary>What the tool returned from applying, before the registry redacted anything.</summary>
    public JsonObject? Applied { get; private set; }

    public async ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Cluster = context.Cluster;
        var plan = stored ?? await tool.PlanAsync(arguments, context).ConfigureAwait(false);
        Planned = plan with { Preview = (JsonObject)plan.Preview.DeepClone() };
        // The registry owns (and redacts) what it is handed; hand it a copy so the stored plan stays intact.
        return plan with { Preview = (JsonObject)plan.Preview.DeepClone() };
    }

    public async ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context)
    {
        var result = await tool.ApplyAsync(arguments, plan, context).ConfigureAwait(false);
        Applied = (JsonObject)result.DeepClone();
        return result;
    }
}
