namespace EksOps.Cli;

/// <summary>What every serving command does once its servers are up: say where they are, then wait for Ctrl-C.</summary>
internal static class ServeUntilStopped
{
    /// <summary>Prints <paramref name="description"/> and waits until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <returns>0, the exit code of a server stopped on purpose.</returns>
    public static async Task<int> RunAsync(TextWriter output, string description, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(description).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
        }

        return 0;
    }
}
