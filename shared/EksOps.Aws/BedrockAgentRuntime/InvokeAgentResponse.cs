using System.Runtime.CompilerServices;
using EksOps.Aws.EventStreams;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>
/// An InvokeAgent response whose headers have arrived: enumerate it (once) for the stream's events, in order.
/// Exception events end the enumeration by throwing their <see cref="AgentStreamException"/>; a malformed message
/// throws <see cref="EventStreamFormatException"/>. The HTTP response is released when the enumeration ends or the
/// response is disposed, whichever comes first.
/// </summary>
public sealed class InvokeAgentResponse : IAsyncEnumerable<InvokeAgentEvent>, IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly EventStreamReaderOptions? _streamOptions;
    private readonly CancellationToken _callToken;
    private int _enumerated;
    private TokenUsage _usage;

    internal InvokeAgentResponse(HttpResponseMessage response, string requestedSessionId, EventStreamReaderOptions? streamOptions, CancellationToken callToken)
    {
        _response = response;
        _streamOptions = streamOptions;
        _callToken = callToken;
        SessionId = Header(response, "x-amz-bedrock-agent-session-id") ?? requestedSessionId;
        MemoryId = Header(response, "x-amz-bedrock-agent-memory-id");
        ContentType = Header(response, "x-amzn-bedrock-agent-content-type");
        RequestId = Header(response, "x-amzn-RequestId") ?? Header(response, "x-amz-request-id");
    }

    /// <summary>The session (<c>x-amz-bedrock-agent-session-id</c>, else the one requested).</summary>
    public string SessionId { get; }

    /// <summary>The agent memory (<c>x-amz-bedrock-agent-memory-id</c>), if any.</summary>
    public string? MemoryId { get; }

    /// <summary>The MIME type of the agent's answer (<c>x-amzn-bedrock-agent-content-type</c>), if sent.</summary>
    public string? ContentType { get; }

    /// <summary>The AWS request id, if sent.</summary>
    public string? RequestId { get; }

    /// <summary>The tokens reported by the traces read so far.</summary>
    public TokenUsage Usage => _usage;

    /// <summary>Reads the events. Cancelled by <paramref name="cancellationToken"/> or by the token given to <see cref="BedrockAgentRuntimeClient.InvokeAgentAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The response was already enumerated.</exception>
    public IAsyncEnumerator<InvokeAgentEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("An InvokeAgent response stream can be enumerated only once.");
        }

        return ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _response.Dispose();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<InvokeAgentEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callToken, cancellationToken);
        try
        {
            var body = await _response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            var reader = new EventStreamReader(body, _streamOptions);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(linked.Token).ConfigureAwait(false) is { } frame)
                {
                    var agentEvent = InvokeAgentEventDecoder.Decode(frame, RequestId);
                    if (agentEvent is TraceEvent trace)
                    {
                        _usage += trace.Usage;
                    }

                    yield return agentEvent;
                }
            }
        }
        finally
        {
            _response.Dispose();
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;
}
