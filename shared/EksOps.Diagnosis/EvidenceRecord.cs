namespace EksOps.Diagnosis;

/// <summary>One read made through the tool registry during a diagnosis: what was asked and what came back.</summary>
public sealed record EvidenceRecord
{
    /// <summary>The record's id within one diagnosis, <c>E1</c>, <c>E2</c>…, which findings cite.</summary>
    public required string Id { get; init; }

    /// <summary>The tool called, for example <c>get_k8s_resource</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The arguments as compact JSON.</summary>
    public required string Arguments { get; init; }

    /// <summary>How the call ended: <c>Success</c> or the registry's failure outcome.</summary>
    public required string Outcome { get; init; }

    /// <summary>The size of the (redacted, capped) result in UTF-8 bytes.</summary>
    public required int Bytes { get; init; }

    /// <summary>Whether the registry cut the result to its output cap.</summary>
    public bool Truncated { get; init; }

    /// <summary>A short description of what the read was for, for example <c>pods of Deployment shop/checkout</c>.</summary>
    public required string Purpose { get; init; }
}
