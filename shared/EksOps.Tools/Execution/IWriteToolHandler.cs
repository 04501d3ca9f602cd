using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>
/// The body of a write tool, in two steps so the policy sits between them in code: <see cref="PlanAsync"/> works out
/// the exact change without making it (a server-side dry run), the registry decides on that change (approval tokens
/// are bound to it), and only then <see cref="ApplyAsync"/> makes it.
/// </summary>
public interface IWriteToolHandler
{
    /// <summary>Works out the exact change without making it (Kubernetes: the patch sent with <c>dryRun=All</c>).</summary>
    /// <param name="arguments">The validated arguments.</param>
    /// <param name="context">The cluster, caller, logger, metrics and cancellation.</param>
    /// <returns>The change and a preview of its result.</returns>
    ValueTask<ToolChangePlan> PlanAsync(ToolArguments arguments, ToolContext context);

    /// <summary>Makes the planned change; called only when the policy allowed exactly <paramref name="plan"/>'s change.</summary>
    /// <param name="arguments">The validated arguments.</param>
    /// <param name="plan">The plan the policy allowed; apply exactly its change.</param>
    /// <param name="context">The cluster, caller, logger, metrics and cancellation.</param>
    /// <returns>What happened (for example the object after the change).</returns>
    ValueTask<JsonObject> ApplyAsync(ToolArguments arguments, ToolChangePlan plan, ToolContext context);
}
