using System.Text.Json.Serialization;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The user's answer to a confirmation request (the model's <c>ConfirmationState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConfirmationState>))]
public enum ConfirmationState
{
    /// <summary><c>CONFIRM</c>: the action may run.</summary>
    [JsonStringEnumMemberName("CONFIRM")]
    Confirm,

    /// <summary><c>DENY</c>: the action must not run.</summary>
    [JsonStringEnumMemberName("DENY")]
    Deny,
}
