namespace EksOps.Testing.Bedrock;

/// <summary>A restJson1 error before any streaming: status, JSON body, <c>x-amzn-ErrorType</c> and optional <c>Retry-After</c>.</summary>
/// <param name="Status">The HTTP status, for example 429.</param>
/// <param name="ErrorType">The error's shape name, for example <c>ThrottlingException</c>.</param>
/// <param name="Message">The <c>message</c> of the JSON body.</param>
public sealed record ErrorReply(int Status, string ErrorType, string Message) : AgentReply
{
    /// <summary>Sent as <c>Retry-After</c> when set.</summary>
    public string? RetryAfter { get; init; }
}
