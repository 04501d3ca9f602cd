using System.Buffers;
using System.Globalization;
using System.Text;

namespace EksOps.Aws.BedrockAgentRuntime;

/// <summary>One run of the return-control loop, gathering what every invocation streams.</summary>
internal sealed class ReturnControlLoop(
    BedrockAgentRuntimeClient client,
    InvokeAgentRequest request,
    Func<ReturnControlRequest, CancellationToken, Task<ReturnControlResults>> executor,
    ReturnControlLoopOptions options)
{
    private const int MaxResults = 5;

    private readonly ArrayBufferWriter<byte> _text = new();
    private readonly List<TraceEvent> _traces = [];
    private readonly List<ReturnControlPayload> _returnControls = [];
    private readonly List<OutputFile> _files = [];
    private readonly List<Attribution> _attributions = [];
    private TokenUsage _usage;
    private int _rounds;
    private int _invocations;
    private string _sessionId = request.SessionId;
    private string? _memoryId;

    public async Task<AgentRunResult> RunAsync(CancellationToken cancellationToken)
    {
        // Longer than a timer can wait (about 49 days) is as good as no deadline.
        using var deadline = options.Timeout == Timeout.InfiniteTimeSpan || options.Timeout.TotalMilliseconds >= uint.MaxValue - 1
            ? new CancellationTokenSource()
            : new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        var current = request;
        ReturnControlPayload? pending = null;
        try
        {
            while (true)
            {
                pending = await InvokeOnceAsync(current, token).ConfigureAwait(false);
                if (pending is null)
                {
                    return Result();
                }

                if (_rounds >= options.MaxRounds)
                {
                    throw new ReturnControlLimitException(
                        ReturnControlLimit.MaxRounds,
                        string.Create(CultureInfo.InvariantCulture, $"The agent asked for control again (invocation id {pending.InvocationId}) after {_rounds} of {options.MaxRounds} allowed rounds."),
                        Result(),
                        pending);
                }

                var results = await executor(new ReturnControlRequest { Payload = pending, Round = _rounds + 1, SessionId = _sessionId }, token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                Validate(results, pending);
                _rounds++;
                current = request with
                {
                    InputText = null,
                    SessionState = new SessionState
                    {
                        SessionAttributes = results.SessionAttributes ?? request.SessionState?.SessionAttributes,
                        PromptSessionAttributes = results.PromptSessionAttributes ?? request.SessionState?.PromptSessionAttributes,
                        InvocationId = pending.InvocationId,
                        ReturnControlInvocationResults = results.Results,
                    },
                };
                pending = null;
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ReturnControlLimitException(
                ReturnControlLimit.Deadline,
                string.Create(CultureInfo.InvariantCulture, $"The agent run passed its {options.Timeout} deadline after {_invocations} invocations and {_rounds} rounds."),
                Result(),
                pending,
                ex);
        }
    }

    /// <summary>Makes one call and reads its whole stream; returns its return-control request, if any.</summary>
    private async Task<ReturnControlPayload?> InvokeOnceAsync(InvokeAgentRequest call, CancellationToken cancellationToken)
    {
        _invocations++;
        ReturnControlPayload? returned = null;
        var response = await client.InvokeAgentAsync(call, cancellationToken).ConfigureAwait(false);
        try
        {
            _sessionId = response.SessionId;
            _memoryId = response.MemoryId ?? _memoryId;
            await foreach (var agentEvent in response.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                switch (agentEvent)
                {
                    case ChunkEvent chunk:
                        _text.Write(chunk.Bytes.Span);
                        if (chunk.Attribution is not null)
                        {
                            _attributions.Add(chunk.Attribution);
                        }

                        break;
                    case TraceEvent trace:
                        _traces.Add(trace);
                        _usage += trace.Usage;
                        break;
                    case ReturnControlEvent control:
                        returned = control.Payload;
                        _returnControls.Add(control.Payload);
                        break;
                    case FilesEvent files:
                        _files.AddRange(files.Files);
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await response.DisposeAsync().ConfigureAwait(false);
        }

        return returned;
    }

    private static void Validate(ReturnControlResults? results, ReturnControlPayload pending)
    {
        if (results?.Results is not { Count: > 0 and <= MaxResults } list)
        {
            throw new InvalidOperationException(
                $"The return-control executor must answer invocation {pending.InvocationId} with 1 to {MaxResults} results, not {results?.Results?.Count ?? 0}.");
        }

        foreach (var result in list)
        {
            if (result is null || (result.FunctionResult is null) == (result.ApiResult is null))
            {
                throw new InvalidOperationException(
                    $"Each result for invocation {pending.InvocationId} must set exactly one of FunctionResult and ApiResult.");
            }
        }
    }

    private AgentRunResult Result() => new()
    {
        Text = Encoding.UTF8.GetString(_text.WrittenSpan),
        Traces = [.. _traces],
        Usage = _usage,
        Rounds = _rounds,
        Invocations = _invocations,
        ReturnControls = [.. _returnControls],
        Files = [.. _files],
        Attributions = [.. _attributions],
        SessionId = _sessionId,
        MemoryId = _memoryId,
    };
}
