using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace EksOps.StateMachine.Execution;

/// <summary>
/// One execution of a state machine on a <see cref="LocalStepFunctions"/>: its identity, its progress (<see cref="Describe"/>,
/// <see cref="History"/>) and its end (<see cref="Completion"/>).
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The stop source has no timer and no linked tokens, so disposing it frees nothing, and it would race with a late StopExecution.")]
public sealed class LocalExecution
{
    private readonly Lock _gate = new();
    private readonly List<ExecutionHistoryEvent> _history = [];
    private readonly TaskCompletionSource<LocalExecutionDescription> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly Action<ExecutionHistoryEvent>? _observer;
    private LocalExecutionStatus _status = LocalExecutionStatus.Running;
    private DateTimeOffset? _stopDate;
    private string? _output;
    private string? _error;
    private string? _cause;
    private bool _observerFailed;

    internal LocalExecution(
        string executionArn, string name, string stateMachineArn, string input, JsonNode? inputNode, string? traceHeader, TimeProvider time,
        Action<ExecutionHistoryEvent>? observer)
    {
        ExecutionArn = executionArn;
        Name = name;
        StateMachineArn = stateMachineArn;
        Input = input;
        InputNode = inputNode;
        TraceHeader = traceHeader;
        _time = time;
        _observer = observer;
        StartDate = Milliseconds(time.GetUtcNow());
    }

    /// <summary>The execution ARN.</summary>
    public string ExecutionArn { get; }

    /// <summary>The execution name.</summary>
    public string Name { get; }

    /// <summary>The state machine ARN.</summary>
    public string StateMachineArn { get; }

    /// <summary>The input JSON as given.</summary>
    public string Input { get; }

    /// <summary>When the execution started, to the millisecond (the service's precision).</summary>
    public DateTimeOffset StartDate { get; }

    /// <summary>The trace header the execution was started with, if any.</summary>
    public string? TraceHeader { get; }

    /// <summary>Completes, never faulted, when the execution stops (succeeded, failed, timed out or aborted).</summary>
    public Task<LocalExecutionDescription> Completion => _completion.Task;

    /// <summary>A snapshot of the history so far, in order.</summary>
    public IReadOnlyList<ExecutionHistoryEvent> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The names of the states entered so far, in order (a state entered twice appears twice).</summary>
    public IReadOnlyList<string> EnteredStates =>
        [.. History.Where(e => e.Type == ExecutionHistoryEventType.StateEntered).Select(e => e.StateName!)];

    /// <summary>The input, parsed.</summary>
    internal JsonNode? InputNode { get; }

    /// <summary>Fires when the execution is asked to stop (aborted, timed out, or the service disposed).</summary>
    internal CancellationToken Stopping => _stop.Token;

    /// <summary>Why the execution was asked to stop: <see cref="LocalExecutionStatus.Aborted"/> or <see cref="LocalExecutionStatus.TimedOut"/>.</summary>
    internal (LocalExecutionStatus Status, string? Error, string? Cause)? StopRequest { get; private set; }

    /// <summary>Whether the observer failed before the runner started.</summary>
    internal bool ObserverFailed
    {
        get
        {
            lock (_gate)
            {
                return _observerFailed;
            }
        }
    }

    /// <summary>What <c>DescribeExecution</c> answers now.</summary>
    /// <returns>The execution's status, output, error and cause.</returns>
    public LocalExecutionDescription Describe()
    {
        lock (_gate)
        {
            return new LocalExecutionDescription
            {
                ExecutionArn = ExecutionArn,
                StateMachineArn = StateMachineArn,
                Name = Name,
                Status = _status,
                StartDate = StartDate,
                StopDate = _stopDate,
                Input = Input,
                Output = _output,
                Error = _error,
                Cause = _cause,
                TraceHeader = TraceHeader,
            };
        }
    }

    /// <summary>Waits until the execution stops.</summary>
    /// <param name="cancellationToken">Stops waiting (not the execution).</param>
    /// <returns>The final description.</returns>
    public Task<LocalExecutionDescription> WaitAsync(CancellationToken cancellationToken = default) => Completion.WaitAsync(cancellationToken);

    /// <summary>Asks the execution to stop; the first request wins.</summary>
    internal void RequestStop(LocalExecutionStatus status, string? error, string? cause)
    {
        lock (_gate)
        {
            if (_status != LocalExecutionStatus.Running || StopRequest is not null)
            {
                return;
            }

            StopRequest = (status, error, cause);
        }

        _stop.Cancel();
    }

    /// <summary>
    /// Appends an event (numbered and timed here) and tells the observer. An observer exception turns into a
    /// <c>States.Runtime</c> error, and the observer is not called again.
    /// </summary>
    /// <exception cref="StatesErrorException">The observer threw.</exception>
    internal ExecutionHistoryEvent Record(ExecutionHistoryEventType type, Func<ExecutionHistoryEvent, ExecutionHistoryEvent>? details = null)
    {
        ExecutionHistoryEvent recorded;
        bool notify;
        lock (_gate)
        {
            var previous = _history.Count == 0 ? 0 : _history[^1].Id;
            recorded = new ExecutionHistoryEvent
            {
                Id = previous + 1,
                PreviousEventId = previous,
                Type = type,
                Timestamp = _time.GetUtcNow(),
                ExecutionArn = ExecutionArn,
            };
            if (details is not null)
            {
                recorded = details(recorded) with { Id = previous + 1, PreviousEventId = previous, Type = type, ExecutionArn = ExecutionArn };
            }

            _history.Add(recorded);
            notify = _observer is not null && !_observerFailed;
        }

        if (notify)
        {
            try
            {
                _observer!(recorded);
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _observerFailed = true;
                }

                throw new StatesErrorException(StatesErrors.Runtime, $"The execution observer threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        return recorded;
    }

    /// <summary>Ends the execution: sets its final status and records the closing event. Observer failures are ignored here (the execution is over).</summary>
    internal void Complete(LocalExecutionStatus status, string? output, string? error, string? cause)
    {
        lock (_gate)
        {
            _status = status;
            _output = output;
            _error = error;
            _cause = cause;
            _stopDate = Milliseconds(_time.GetUtcNow());
        }

        var type = status switch
        {
            LocalExecutionStatus.Succeeded => ExecutionHistoryEventType.ExecutionSucceeded,
            LocalExecutionStatus.TimedOut => ExecutionHistoryEventType.ExecutionTimedOut,
            LocalExecutionStatus.Aborted => ExecutionHistoryEventType.ExecutionAborted,
            _ => ExecutionHistoryEventType.ExecutionFailed,
        };
        try
        {
            Record(type, e => e with { Output = output, Error = error, Cause = cause });
        }
        catch (StatesErrorException)
        {
            // The observer failed on the closing event; the execution's outcome stands and is in the history.
        }

        _completion.TrySetResult(Describe());
    }

    /// <summary>The service reports start and stop dates in whole milliseconds; so does this, so that a date read over the wire equals the one here.</summary>
    private static DateTimeOffset Milliseconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
