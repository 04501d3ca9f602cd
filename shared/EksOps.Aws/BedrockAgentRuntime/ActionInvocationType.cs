using System.Text.Json.Serialization;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// What the agent asks of the caller for one action (the model's <c>ActionInvocationType</c>). Semantics follow AWS's
/// samples (<c>process_roc.py</c>); the user guide does not spell them out.
/// </summary>
[JsonConverter(typeof(ActionInvocationTypeJsonConverter))]
public enum ActionInvocationType
{
    /// <summary>Absent, or a value this library does not know yet.</summary>
    Unknown = 0,

    /// <summary><c>RESULT</c>: run the action and send back its result.</summary>
    Result,

    /// <summary><c>USER_CONFIRMATION</c>: only ask the user; send back <c>confirmationState</c> without a body (the agent's own Lambda runs the action).</summary>
    UserConfirmation,

    /// <summary><c>USER_CONFIRMATION_AND_RESULT</c>: ask the user; on <c>CONFIRM</c> run the action and send its result with <c>confirmationState</c>, on <c>DENY</c> send <c>DENY</c>.</summary>
    UserConfirmationAndResult,
}
