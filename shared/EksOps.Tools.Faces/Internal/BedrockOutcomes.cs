using EksOps.Aws.BedrockAgentRuntime;

namespace EksOps.Tools.Faces.Internal;

/// <summary>How the Bedrock faces express a <see cref="ToolOutcome"/> (the library README's face table).</summary>
internal static class BedrockOutcomes
{
    /// <summary>
    /// The <c>responseState</c>: <c>REPROMPT</c> lets the model fix its arguments; <c>FAILURE</c> ends the agent's turn
    /// for refusals and failures; none on success and for a change that waits for approval, whose envelope tells the
    /// model what to ask a human for.
    /// </summary>
    public static ResponseState? ResponseStateOf(ToolOutcome outcome) => outcome switch
    {
        ToolOutcome.Success or ToolOutcome.ApprovalRequired => null,
        ToolOutcome.InvalidArguments => ResponseState.Reprompt,
        _ => ResponseState.Failure,
    };

    /// <summary>The wire spelling of a response state.</summary>
    public static string WireName(ResponseState state) => state == ResponseState.Reprompt ? "REPROMPT" : "FAILURE";

    /// <summary>The status of an OpenAPI operation, one of the 200/400/403/500 the generated schemas declare.</summary>
    public static int HttpStatusOf(ToolOutcome outcome) => outcome switch
    {
        ToolOutcome.Success => 200,
        ToolOutcome.InvalidArguments or ToolOutcome.UnknownTool or ToolOutcome.UnknownCluster => 400,
        ToolOutcome.PolicyDenied or ToolOutcome.ApprovalRequired => 403,
        _ => 500,
    };
}
