using System.Text.Json.Nodes;
using EksOps.Tools.Internal;

namespace EksOps.Tools;

/// <summary>
/// The result of one call, the same whichever face made it: the outcome, the JSON content (the tool's output, a write's
/// envelope, or an <c>error</c> object), and what happened on the way (policy decision, argument errors, truncation,
/// redactions). Content is always redacted and capped.
/// </summary>
public sealed class ToolResult
{
    internal ToolResult(
        string toolName,
        ToolOutcome outcome,
        JsonObject content,
        IReadOnlyList<ToolArgumentError> argumentErrors,
        PolicyDecision? decision,
        TruncationReport? truncation,
        int redactions)
    {
        ToolName = toolName;
        Outcome = outcome;
        Content = content;
        ArgumentErrors = argumentErrors;
        Decision = decision;
        Truncation = truncation;
        Redactions = redactions;
    }

    /// <summary>The tool that was called (as requested, for an unknown tool).</summary>
    public string ToolName { get; }

    /// <summary>How the call ended.</summary>
    public ToolOutcome Outcome { get; }

    /// <summary>Whether the call did not succeed (MCP <c>isError</c>).</summary>
    public bool IsError => Outcome != ToolOutcome.Success;

    /// <summary>
    /// The content: on success the tool's output (matching its output schema; for write tools the envelope
    /// <c>{status, dryRun, change, policy, preview, result?}</c>); on <see cref="ToolOutcome.ApprovalRequired"/> or a
    /// denied change the same envelope; otherwise <c>{"error": {"code", "message", …}}</c>.
    /// </summary>
    public JsonObject Content { get; }

    /// <summary>Every argument violation, for <see cref="ToolOutcome.InvalidArguments"/>.</summary>
    public IReadOnlyList<ToolArgumentError> ArgumentErrors { get; }

    /// <summary>The policy decision that ended or allowed the call (a write's decision on its change), if the policy was reached.</summary>
    public PolicyDecision? Decision { get; }

    /// <summary>How the content was cut, if it was over the cap.</summary>
    public TruncationReport? Truncation { get; }

    /// <summary>How many secrets were masked in the content.</summary>
    public int Redactions { get; }

    /// <summary>The content as compact JSON text (the <c>TEXT</c> body of Bedrock, MCP's text content block).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJsonText() => ToolJson.Serialize(Content);

    /// <summary>The snake_case code of an error outcome (<c>invalid_arguments</c>, <c>policy_denied</c>, …); <see langword="null"/> on success.</summary>
    public string? ErrorCode => Content["error"]?["code"]?.GetValue<string>() ?? Outcome switch
    {
        ToolOutcome.Success => null,
        ToolOutcome.ApprovalRequired => "approval_required",
        ToolOutcome.PolicyDenied => "policy_denied",
        _ => "tool_failed",
    };
}
