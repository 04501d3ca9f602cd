using System.Text.Json.Serialization;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>How the agent treats a failed action (the model's <c>ResponseState</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResponseState>))]
public enum ResponseState
{
    /// <summary><c>FAILURE</c>: the invocation fails with a dependency failure.</summary>
    [JsonStringEnumMemberName("FAILURE")]
    Failure,

    /// <summary><c>REPROMPT</c>: the response goes back to the model, which may try again.</summary>
    [JsonStringEnumMemberName("REPROMPT")]
    Reprompt,
}
