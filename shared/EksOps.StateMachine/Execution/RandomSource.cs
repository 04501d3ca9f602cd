namespace EksOps.StateMachine.Execution;

/// <summary>
/// The one source of randomness of a <see cref="LocalStepFunctions"/> (retry jitter, <c>States.MathRandom</c> without a
/// seed), shared by its executions: <see cref="Random"/> is not thread-safe, so every draw takes a lock.
/// </summary>
internal sealed class RandomSource(Random random)
{
    private readonly Lock _gate = new();

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble()
    {
        lock (_gate)
        {
            return random.NextDouble();
        }
    }

    /// <summary>An integer in [<paramref name="minimum"/>, <paramref name="maximum"/>], both inclusive.</summary>
    public long NextInclusive(long minimum, long maximum)
    {
        lock (_gate)
        {
            return random.NextInt64(minimum, maximum + 1);
        }
    }
}
