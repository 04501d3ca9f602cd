using System.Collections.Concurrent;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// A <see cref="LocalStepFunctions"/> on a <see cref="ManualTimeProvider"/> with a fixed jitter draw and an observer
/// that keeps every event, for one definition.
/// </summary>
public sealed class StateMachineHarness : IAsyncDisposable
{
    private readonly ConcurrentQueue<ExecutionHistoryEvent> _observed = new();

    /// <summary>Creates the service and the state machine.</summary>
    /// <param name="definition">The definition JSON.</param>
    /// <param name="invoker">The Lambda invoker; echo by default.</param>
    /// <param name="jitter">The draw every jitter uses.</param>
    /// <param name="observe">Also called for every event (after it is kept).</param>
    public StateMachineHarness(string definition, ILambdaTaskInvoker? invoker = null, double jitter = 0.5, Action<ExecutionHistoryEvent>? observe = null)
    {
        Invoker = invoker ?? ScriptedInvoker.Echo();
        Random = new FixedRandom(jitter);
        Service = new LocalStepFunctions(Invoker, new LocalStepFunctionsOptions
        {
            TimeProvider = Clock,
            Random = Random,
            Observer = e =>
            {
                _observed.Enqueue(e);
                observe?.Invoke(e);
            },
        });
        StateMachineArn = Service.CreateStateMachine("test", StateMachineDefinition.Parse(definition));
    }

    /// <summary>The clock.</summary>
    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The jitter source.</summary>
    public FixedRandom Random { get; }

    /// <summary>The invoker.</summary>
    public ILambdaTaskInvoker Invoker { get; }

    /// <summary>The service.</summary>
    public LocalStepFunctions Service { get; }

    /// <summary>The state machine.</summary>
    public string StateMachineArn { get; }

    /// <summary>Every event the observer saw, in order.</summary>
    public IReadOnlyList<ExecutionHistoryEvent> Observed => [.. _observed];

    /// <summary>Starts an execution and waits (bounded) for its end; for executions that never wait on the clock.</summary>
    public async Task<(LocalExecutionDescription Result, LocalExecution Execution)> RunAsync(string input = "{}")
    {
        var execution = Start(input);
        return (await FinishAsync(execution), execution);
    }

    /// <summary>Starts an execution.</summary>
    public LocalExecution Start(string input = "{}", string? name = null) => Service.StartExecution(StateMachineArn, name, input);

    /// <summary>Waits (bounded) for an execution to end.</summary>
    public static async Task<LocalExecutionDescription> FinishAsync(LocalExecution execution) =>
        await execution.WaitAsync(TestContext.Current.CancellationToken).WaitAsync(Eventually.Bound, TestContext.Current.CancellationToken);

    /// <summary>Waits (bounded) until the execution has recorded an event that matches.</summary>
    public static async Task<ExecutionHistoryEvent> WaitForEventAsync(LocalExecution execution, Func<ExecutionHistoryEvent, bool> match, string what)
    {
        await Eventually.ThatAsync(() => execution.History.Any(match), what);
        return execution.History.Last(match);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
