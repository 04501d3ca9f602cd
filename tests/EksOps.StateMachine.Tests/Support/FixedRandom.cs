namespace EksOps.StateMachine.Tests.Support;

/// <summary>A <see cref="Random"/> whose every draw is <paramref name="fraction"/> (for jitter) and counts its draws.</summary>
/// <param name="fraction">The value of every <see cref="NextDouble"/>, in [0, 1).</param>
public sealed class FixedRandom(double fraction) : Random
{
    /// <summary>How many draws were made.</summary>
    public int Draws { get; private set; }

    /// <inheritdoc/>
    public override double NextDouble()
    {
        Draws++;
        return fraction;
    }

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        Draws++;
        return minValue + (long)((maxValue - minValue) * fraction);
    }

    /// <inheritdoc/>
    protected override double Sample() => fraction;
}
