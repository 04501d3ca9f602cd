namespace EksOps.Cli;

/// <summary>The scenario's frozen clock, so relative time ranges in the read tools end at the incident's "now".</summary>
internal sealed class ScenarioClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
