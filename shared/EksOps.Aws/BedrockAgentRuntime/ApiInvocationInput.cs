namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>An API operation (OpenAPI-schema action group) the agent wants the caller to run or confirm.</summary>
public sealed record ApiInvocationInput
{
    /// <summary>The action group; echo it in the result.</summary>
    public string ActionGroup { get; init => field = value ?? ""; } = "";

    /// <summary>The API path, e.g. <c>/pods/{name}/logs</c>.</summary>
    public string? ApiPath { get; init; }

    /// <summary>The HTTP method, e.g. <c>get</c> (case as the agent sends it).</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The path, query and header parameters the agent elicited (untrusted).</summary>
    public IReadOnlyList<ActionParameter> Parameters { get; init => field = value ?? []; } = [];

    /// <summary>The request body the agent elicited, if any.</summary>
    public ApiRequestBody? RequestBody { get; init; }

    /// <summary>Whether to run the action, ask the user, or both.</summary>
    public ActionInvocationType ActionInvocationType { get; init; }

    /// <summary>The collaborator agent that asked, in multi-agent setups; echo it in the result.</summary>
    public string? AgentId { get; init; }

    /// <summary>The collaborator's name, in multi-agent setups.</summary>
    public string? CollaboratorName { get; init; }

    /// <summary>Whether the user must confirm before the action runs.</summary>
    public bool RequiresConfirmation =>
        ActionInvocationType is ActionInvocationType.UserConfirmation or ActionInvocationType.UserConfirmationAndResult;

    /// <summary>The value of parameter <paramref name="name"/>, or null.</summary>
    /// <param name="name">The parameter name (ordinal comparison).</param>
    /// <returns>The value, or null when the agent did not send it.</returns>
    public string? GetParameter(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.Value;
}
