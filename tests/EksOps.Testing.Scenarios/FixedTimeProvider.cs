namespace EksOps.Testing.Scenarios;

/// <summary>A clock stopped at one instant, usually a scenario's "now", so relative time ranges are reproducible.</summary>
/// <param name="now">The instant.</param>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => now;
}
