namespace EksOps.StateMachine.Execution;

/// <summary>How a <see cref="LocalStepFunctions"/> runs: its clock, randomness, account and region, and who watches.</summary>
public sealed class LocalStepFunctionsOptions
{
    /// <summary>
    /// The clock for every wait (Wait states, retry backoff, task timeouts and heartbeats, the execution timeout) and for
    /// every timestamp. A fake clock makes an execution that waits for hours run instantly in a test.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Randomness for <c>JitterStrategy: FULL</c> (a draw in [0, 1) scales each backoff) and <c>States.MathRandom</c>
    /// without a seed. Null: a new unseeded <see cref="Random"/>. Used under a lock, so one instance may be shared.
    /// </summary>
    public Random? Random { get; set; }

    /// <summary>The region in the ARNs. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account in the ARNs. Default <c>123456789012</c>.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>
    /// Called with every history event of every execution, in order, on the execution's own thread, as it happens: for
    /// a command line that prints progress state by state. Keep it quick; an exception from it fails the execution
    /// with <c>States.Runtime</c> (and the observer is not called again for that execution).
    /// </summary>
    public Action<ExecutionHistoryEvent>? Observer { get; set; }
}
