using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>The body of a read tool (<see cref="ToolPolicyClass.Read"/> or <see cref="ToolPolicyClass.SensitiveRead"/>).</summary>
public interface IToolHandler
{
    /// <summary>Runs the tool. The arguments are validated and the policy has allowed the call.</summary>
    /// <param name="arguments">The validated arguments, defaults filled in.</param>
    /// <param name="context">The cluster, caller, logger, metrics and cancellation.</param>
    /// <returns>
    /// The result, matching the definition's output schema. The registry takes ownership: it redacts and caps it in
    /// place. Throw <see cref="ToolException"/> for an expected failure the model should hear about (not found, …).
    /// </returns>
    ValueTask<JsonObject> InvokeAsync(ToolArguments arguments, ToolContext context);
}
