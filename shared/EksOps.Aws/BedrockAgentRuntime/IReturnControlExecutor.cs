namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Runs the actions an agent returned control for (the tool registry implements this) and reports their results.</summary>
public interface IReturnControlExecutor
{
    /// <summary>Runs, confirms or refuses the actions of <paramref name="request"/>.</summary>
    /// <param name="request">The actions, with their invocation id and round.</param>
    /// <param name="cancellationToken">Cancelled by the caller or when the run's deadline passes.</param>
    /// <returns>One result per action.</returns>
    Task<ReturnControlResults> ExecuteAsync(ReturnControlRequest request, CancellationToken cancellationToken);
}
