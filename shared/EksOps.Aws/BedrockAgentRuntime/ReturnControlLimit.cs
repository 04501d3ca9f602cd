namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>Which bound stopped a return-control loop.</summary>
public enum ReturnControlLimit
{
    /// <summary>The agent asked for control again after <see cref="ReturnControlLoopOptions.MaxRounds"/> rounds.</summary>
    MaxRounds,

    /// <summary><see cref="ReturnControlLoopOptions.Timeout"/> passed.</summary>
    Deadline,
}
