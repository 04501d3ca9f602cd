namespace EksOps.Diagnosis;

/// <summary>Which path produced a diagnosis' decision (root cause, subject and proposal).</summary>
public enum DecisionPath
{
    /// <summary>The deterministic analyst ranked the analyzers' findings.</summary>
    Deterministic,

    /// <summary>A model (the Bedrock agent) decided from the evidence digest, after validation against the taxonomy and the evidence.</summary>
    Model,
}
