namespace EksOps.Aws.EventBridge;

/// <summary>What became of one entry.</summary>
public sealed record PutEventsEntryResult
{
    /// <summary>The entry's position in the list given to <see cref="EventBridgeClient.PutEventsAsync"/>.</summary>
    public required int Index { get; init; }

    /// <summary>The entry.</summary>
    public required EventEntry Entry { get; init; }

    /// <summary>The event id EventBridge assigned, when the entry was accepted.</summary>
    public string? EventId { get; init; }

    /// <summary>
    /// Why the entry finally failed: the entry's <c>ErrorCode</c> (<c>ThrottlingException</c>, <c>InternalFailure</c>,
    /// <c>MalformedDetail</c>, …), the error code of the whole call when the call itself failed, or
    /// <c>MissingEntryResult</c> when the response had no result for it. Null on success.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>The message that came with <see cref="ErrorCode"/>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>How often the entry was sent.</summary>
    public int Attempts { get; init; }

    /// <summary>Whether EventBridge accepted the entry.</summary>
    public bool Succeeded => ErrorCode is null && EventId is not null;
}
