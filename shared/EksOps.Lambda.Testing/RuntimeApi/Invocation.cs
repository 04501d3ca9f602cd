namespace EksOps.Lambda.Testing;

/// <summary>One invocation's state: queued, delivered by <c>GET /next</c>, then ended exactly once.</summary>
internal sealed class Invocation
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<InvocationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<Invocation> _onTimeout;
    private ITimer? _timer;

    public Invocation(string requestId, byte[] payload, InvocationOptions options, string functionArn, string? traceId, Action<Invocation> onTimeout)
    {
        RequestId = requestId;
        Payload = payload;
        Options = options;
        FunctionArn = functionArn;
        TraceId = traceId;
        _onTimeout = onTimeout;
    }

    public string RequestId { get; }

    public byte[] Payload { get; }

    public InvocationOptions Options { get; }

    public string FunctionArn { get; }

    public string? TraceId { get; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>How the invocation ended (the state name used in <c>InvalidStateTransition</c> messages); null while open.</summary>
    public string? EndState { get; private set; }

    public Task<InvocationResult> Completion => _completion.Task;

    /// <summary>Hands the invocation to the runtime: fixes the deadline and starts the timeout clock.</summary>
    public bool TryDeliver(TimeProvider time)
    {
        lock (_gate)
        {
            if (EndState is not null || DeliveredAt is not null)
            {
                return false;
            }

            var now = time.GetUtcNow();
            DeliveredAt = now;
            Deadline = DateTimeOffset.FromUnixTimeMilliseconds((now + Options.Timeout).ToUnixTimeMilliseconds());
            _timer = time.CreateTimer(static state => ((Invocation)state!).TimedOut(), this, Options.Timeout, Timeout.InfiniteTimeSpan);
            return true;
        }
    }

    /// <summary>Ends the invocation with <paramref name="result"/> unless it already ended.</summary>
    public bool TryComplete(InvocationResult result, string endState)
    {
        lock (_gate)
        {
            if (EndState is not null)
            {
                return false;
            }

            EndState = endState;
            _timer?.Dispose();
        }

        _completion.TrySetResult(result);
        return true;
    }

    /// <summary>Ends the invocation with an exception (the server was disposed) unless it already ended.</summary>
    public bool TryFail(Exception exception) => TryAbandon() && _completion.TrySetException(exception);

    /// <summary>Ends the invocation as canceled (its caller withdrew it) unless it already ended.</summary>
    public bool TryCancel(CancellationToken cancellationToken) => TryAbandon() && _completion.TrySetCanceled(cancellationToken);

    private bool TryAbandon()
    {
        lock (_gate)
        {
            if (EndState is not null)
            {
                return false;
            }

            EndState = "Abandoned";
            _timer?.Dispose();
            return true;
        }
    }

    private void TimedOut() => _onTimeout(this);
}
