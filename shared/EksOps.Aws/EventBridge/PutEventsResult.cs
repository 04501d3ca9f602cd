namespace EksOps.Aws.EventBridge;

/// <summary>The outcome of <see cref="EventBridgeClient.PutEventsAsync"/>: one result per entry, in the order given.</summary>
public sealed record PutEventsResult
{
    /// <summary>One result per entry, in the order the entries were given.</summary>
    public IReadOnlyList<PutEventsEntryResult> Entries { get; init; } = [];

    /// <summary>How many <c>PutEvents</c> calls were made (first sends and retries).</summary>
    public int Requests { get; init; }

    /// <summary>The entries that finally failed.</summary>
    public IReadOnlyList<PutEventsEntryResult> Failed => [.. Entries.Where(e => !e.Succeeded)];

    /// <summary>How many entries finally failed.</summary>
    public int FailedCount => Entries.Count(e => !e.Succeeded);

    /// <summary>Whether every entry was accepted.</summary>
    public bool AllSucceeded => Entries.All(e => e.Succeeded);
}
