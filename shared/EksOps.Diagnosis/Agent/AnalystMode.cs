namespace EksOps.Diagnosis.Agent;

/// <summary>When the Bedrock agent is asked to decide (<c>EKSOPS_ANALYST_MODE</c>).</summary>
public enum AnalystMode
{
    /// <summary><c>deterministic</c>: never; the deterministic analyst always decides.</summary>
    Deterministic,

    /// <summary><c>auto</c>: only when the deterministic confidence is below the threshold.</summary>
    Auto,

    /// <summary><c>always</c>: for every diagnosis; the deterministic result stays the fallback.</summary>
    Always,
}
