namespace EksOps.IncidentFlow;

/// <summary>What the Bedrock agent was asked and used, over the incident.</summary>
public sealed record ReportModelUsage
{
    /// <summary>Agent runs.</summary>
    public int Runs { get; init; }

    /// <summary>InvokeAgent calls over all runs.</summary>
    public int Invocations { get; init; }

    /// <summary>Prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Why the model's answer was not used, when it was asked and not used.</summary>
    public string? Fallback { get; init; }
}
