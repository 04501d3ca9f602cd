namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>The bounds of <see cref="BedrockAgentRuntimeClient.RunAgentAsync(InvokeAgentRequest, IReturnControlExecutor, ReturnControlLoopOptions?, CancellationToken)"/>.</summary>
public sealed class ReturnControlLoopOptions
{
    /// <summary>How many times the executor may be called (0 allows none). Default 10.</summary>
    public int MaxRounds { get; set; } = 10;

    /// <summary>The deadline for the whole run, every invocation and executor call included; <see cref="Timeout.InfiniteTimeSpan"/> (or anything beyond about 49 days) for none. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock of the deadline. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
