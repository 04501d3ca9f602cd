namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The result of one returned-control action: exactly one of the two members is set.</summary>
public sealed record InvocationResult
{
    /// <summary>The content type functions answer with.</summary>
    public const string TextContentType = "TEXT";

    /// <summary>A function's result.</summary>
    public FunctionResult? FunctionResult { get; init; }

    /// <summary>An API operation's result.</summary>
    public ApiResult? ApiResult { get; init; }

    /// <summary>
    /// The result of <paramref name="input"/>, echoing its action group, function and agent id as the service requires.
    /// </summary>
    /// <param name="input">The function the agent asked for.</param>
    /// <param name="body">The text for the model (under <c>TEXT</c>); null sends no body (a confirmation-only answer).</param>
    /// <param name="responseState">Set when the function failed.</param>
    /// <param name="confirmationState">The user's answer, when the agent asked for confirmation.</param>
    /// <returns>The result.</returns>
    public static InvocationResult ForFunction(
        FunctionInvocationInput input, string? body, ResponseState? responseState = null, ConfirmationState? confirmationState = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new InvocationResult
        {
            FunctionResult = new FunctionResult
            {
                ActionGroup = input.ActionGroup,
                AgentId = input.AgentId,
                Function = input.Function,
                ResponseBody = body is null ? null : new Dictionary<string, ContentBody>(StringComparer.Ordinal) { [TextContentType] = new(body) },
                ResponseState = responseState,
                ConfirmationState = confirmationState,
            },
        };
    }

    /// <summary>
    /// The result of <paramref name="input"/>, echoing its action group, API path, method and agent id as the service requires.
    /// </summary>
    /// <param name="input">The API operation the agent asked for.</param>
    /// <param name="body">The response body for the model; null sends no body (a confirmation-only answer).</param>
    /// <param name="httpStatusCode">The status the operation ended with; null sends none.</param>
    /// <param name="contentType">The key of the body: the media type declared in the OpenAPI schema. Default <c>application/json</c>.</param>
    /// <param name="responseState">Set when the operation failed.</param>
    /// <param name="confirmationState">The user's answer, when the agent asked for confirmation.</param>
    /// <returns>The result.</returns>
    public static InvocationResult ForApi(
        ApiInvocationInput input, string? body, int? httpStatusCode = 200, string contentType = "application/json",
        ResponseState? responseState = null, ConfirmationState? confirmationState = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return new InvocationResult
        {
            ApiResult = new ApiResult
            {
                ActionGroup = input.ActionGroup,
                AgentId = input.AgentId,
                ApiPath = input.ApiPath,
                HttpMethod = input.HttpMethod,
                HttpStatusCode = httpStatusCode,
                ResponseBody = body is null ? null : new Dictionary<string, ContentBody>(StringComparer.Ordinal) { [contentType] = new(body) },
                ResponseState = responseState,
                ConfirmationState = confirmationState,
            },
        };
    }
}
