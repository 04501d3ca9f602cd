namespace EksOps.Diagnosis.Agent;

/// <summary>The remediation a model proposed, as it wrote it (before validation).</summary>
public sealed record ModelProposal
{
    /// <summary>The runbook id as written, for example <c>increase-memory-limit</c>.</summary>
    public required string Runbook { get; init; }

    /// <summary>What it acts on; <see langword="null"/> when the model named no target (the subject is meant).</summary>
    public ObjectRef? Target { get; init; }

    /// <summary>The runbook's settings as a compact JSON object, if the model gave any (for example <c>{"memoryLimit":"1Gi"}</c>).</summary>
    public string? Parameters { get; init; }
}
