namespace EksOps.FaceParity.Tests;

/// <summary>A clock stopped at a scenario's "now".</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
