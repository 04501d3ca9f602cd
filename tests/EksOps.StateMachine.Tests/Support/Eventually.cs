namespace EksOps.StateMachine.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, failing with what was awaited instead of hanging.</summary>
public static class Eventually
{
    /// <summary>The longest a test waits in real time for the executor to reach a point; a bound against hangs, not a timing assertion.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    public static async Task ThatAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }

            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
    }
}
