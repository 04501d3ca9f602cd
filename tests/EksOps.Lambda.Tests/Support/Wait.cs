namespace EksOps.Lambda.Tests.Support;

/// <summary>Generous limits that only turn a hang into a failure; no test depends on how fast anything is.</summary>
internal static class Wait
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Generous, Token);

    public static Task Bounded(this Task task) => task.WaitAsync(Generous, Token);
}
