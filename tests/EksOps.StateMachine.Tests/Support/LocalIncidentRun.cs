namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// <c>incident.asl.json</c> on the local executor with an <see cref="IncidentScript"/>: a manual clock moved only
/// when the execution provably waits on it (a Wait state, a retry backoff, or an approval the script leaves
/// unanswered), and an approver that answers once the approval request went out.
/// </summary>
public sealed class LocalIncidentRun : IAsyncDisposable
{
    /// <summary>The reason the approver gives when it denies.</summary>
    public const string DenialCause = "Denied by oncall: the change is too risky.";

    private readonly IncidentScript _script;

    /// <summary>Creates the service and the state machine.</summary>
    /// <param name="script">The task results and the approver.</param>
    /// <param name="jitter">The draw every jittered backoff uses.</param>
    public LocalIncidentRun(IncidentScript script, double jitter = 0.5)
    {
        _script = script;
        var invoker = new ScriptedInvoker(request => script.Next(request.FunctionName, request.Payload).ToResult());
        Service = new LocalStepFunctions(invoker, new LocalStepFunctionsOptions { TimeProvider = Clock, Random = new FixedRandom(jitter), Observer = Approve });
        StateMachineArn = Service.CreateStateMachine("incident", StateMachineDefinition.Load(IncidentDefinition.Path, IncidentDefinition.Substitutions()));
    }

    /// <summary>The clock.</summary>
    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The service.</summary>
    public LocalStepFunctions Service { get; }

    /// <summary>The state machine.</summary>
    public string StateMachineArn { get; }

    /// <summary>Every clock move the run made, in order.</summary>
    public List<TimeSpan> ClockMoves { get; } = [];

    /// <summary>Runs one execution to its end.</summary>
    public async Task<(LocalExecutionDescription Result, LocalExecution Execution)> RunAsync(string input)
    {
        var execution = Service.StartExecution(StateMachineArn, "inc-1", input);
        var deadline = DateTime.UtcNow + Eventually.Bound;
        while (!execution.Completion.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The execution did not end; it stands at: {string.Join(" → ", execution.History.Select(e => $"{e.Type} {e.StateName}"))}");
            }

            if (DueTimer(execution.History) is { } due && Clock.PendingDueTimes.Contains(due))
            {
                var move = due - Clock.GetUtcNow();
                Clock.Advance(move);
                ClockMoves.Add(move);
            }
            else
            {
                await Task.Delay(2, TestContext.Current.CancellationToken);
            }
        }

        return (await execution.Completion, execution);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Service.DisposeAsync();

    /// <summary>The timer the execution waits on now, if it waits on one the run should let pass.</summary>
    private DateTimeOffset? DueTimer(IReadOnlyList<ExecutionHistoryEvent> history)
    {
        var last = history[^1];
        switch (last.Type)
        {
            case ExecutionHistoryEventType.RetryScheduled or ExecutionHistoryEventType.WaitStarted when last.Delay > TimeSpan.Zero:
                return last.Timestamp + last.Delay!.Value;
            case ExecutionHistoryEventType.TaskSubmitted when last.StateName == "RequestApproval" && _script.Approval == ApprovalAnswer.None:
                var scheduled = history.Last(e => e.Type == ExecutionHistoryEventType.TaskScheduled);
                return scheduled.Timestamp + TimeSpan.FromSeconds(scheduled.TimeoutSeconds!.Value);
            default:
                return null;
        }
    }

    private void Approve(ExecutionHistoryEvent e)
    {
        if (e.Type != ExecutionHistoryEventType.TaskSubmitted || e.StateName != "RequestApproval")
        {
            return;
        }

        switch (_script.Approval)
        {
            case ApprovalAnswer.Approve:
                Service.SendTaskSuccess(_script.ApprovalToken!, IncidentDefinition.ApprovedOutput);
                break;
            case ApprovalAnswer.Deny:
                Service.SendTaskFailure(_script.ApprovalToken!, "ApprovalDenied", DenialCause);
                break;
            default:
                break;
        }
    }
}
