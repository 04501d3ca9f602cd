using System.Collections.Concurrent;
using System.Text;
using EksOps.StateMachine.Definition;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Lambda;

namespace EksOps.StateMachine.Execution;

/// <summary>
/// Step Functions on this machine: state machines loaded from ASL definitions, executions that run them (Standard
/// workflow semantics), their history, and the task-token callbacks. Every Lambda task goes to the
/// <see cref="ILambdaTaskInvoker"/> given here; every wait goes through <see cref="LocalStepFunctionsOptions.TimeProvider"/>.
/// Thread-safe. Serve it over HTTP with <see cref="Server.LocalStepFunctionsServer"/>.
/// </summary>
/// <example>
/// <code>
/// await using var stepFunctions = new LocalStepFunctions(invoker, new LocalStepFunctionsOptions { Observer = Console.WriteLine });
/// var arn = stepFunctions.CreateStateMachine("incident", StateMachineDefinition.Load(path, substitutions));
/// var execution = stepFunctions.StartExecution(arn, "alarm-1", """{"incidentId":"alarm-1"}""");
/// var done = await execution.WaitAsync();
/// </code>
/// </example>
public sealed class LocalStepFunctions : IAsyncDisposable
{
    /// <summary>The most UTF-8 bytes of an execution input, a state's output, a task result or a task output (256 KiB).</summary>
    public const int MaxPayloadBytes = 262_144;

    /// <summary>The longest state machine or execution name.</summary>
    public const int MaxNameLength = 80;

    private const string ForbiddenNameCharacters = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private readonly ConcurrentDictionary<string, StateMachineRegistration> _machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalExecution> _executions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LocalExecution, Task> _runs = new();
    private readonly Lock _startGate = new();
    private readonly Action<ExecutionHistoryEvent>? _observer;
    private int _disposed;

    /// <summary>Creates the service.</summary>
    /// <param name="invoker">Runs the Lambda functions the Task states invoke.</param>
    /// <param name="options">Clock, randomness, account, region and observer; defaults when null.</param>
    public LocalStepFunctions(ILambdaTaskInvoker invoker, LocalStepFunctionsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        options ??= new LocalStepFunctionsOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.Region, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.AccountId, nameof(options));
        Invoker = invoker;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Random = new RandomSource(options.Random ?? new Random());
        Region = options.Region;
        AccountId = options.AccountId;
        _observer = options.Observer;
    }

    /// <summary>The region in the ARNs.</summary>
    public string Region { get; }

    /// <summary>The account in the ARNs.</summary>
    public string AccountId { get; }

    /// <summary>The clock every wait and timestamp uses.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The ARNs of the state machines created so far.</summary>
    public IReadOnlyList<string> StateMachineArns => [.. _machines.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Where Lambda tasks go.</summary>
    internal ILambdaTaskInvoker Invoker { get; }

    /// <summary>Retry jitter and <c>States.MathRandom</c>.</summary>
    internal RandomSource Random { get; }

    /// <summary>The task tokens handed out.</summary>
    internal TaskTokens Tokens { get; } = new();

    /// <summary>Creates a (Standard) state machine.</summary>
    /// <param name="name">The name: 1–80 characters, none of whitespace, <c>&lt;&gt;{}[]?*"#%\^|~`$&amp;,;:/</c> or control characters.</param>
    /// <param name="definition">The loaded definition.</param>
    /// <param name="roleArn">The execution role for <c>$$.Execution.RoleArn</c>; default a role named <c>eksops-local</c> in the account.</param>
    /// <returns>The state machine's ARN, <c>arn:aws:states:REGION:ACCOUNT:stateMachine:NAME</c>.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidName</c>, or <c>StateMachineAlreadyExists</c>.</exception>
    public string CreateStateMachine(string name, StateMachineDefinition definition, string? roleArn = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ValidateName(name, "state machine");
        var arn = $"arn:aws:states:{Region}:{AccountId}:stateMachine:{name}";
        var registration = new StateMachineRegistration(name, arn, definition, roleArn ?? $"arn:aws:iam::{AccountId}:role/eksops-local");
        return _machines.TryAdd(arn, registration)
            ? arn
            : throw new LocalStepFunctionsException(LocalStepFunctionsException.StateMachineAlreadyExists, $"State Machine Already Exists: '{arn}'");
    }

    /// <summary>
    /// Starts an execution, with Standard workflow idempotency: the same name and the same input while that execution
    /// runs return the running execution; a name already used otherwise is <c>ExecutionAlreadyExists</c>.
    /// </summary>
    /// <param name="stateMachineArn">The state machine.</param>
    /// <param name="name">The execution name (rules as for state machines); null for a fresh UUID.</param>
    /// <param name="input">The input JSON (at most 256 KiB); null for <c>{}</c>.</param>
    /// <param name="traceHeader">An X-Ray trace header to keep with the execution.</param>
    /// <returns>The execution, running.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>StateMachineDoesNotExist</c>, <c>InvalidArn</c>, <c>InvalidName</c>, <c>InvalidExecutionInput</c>, <c>ExecutionAlreadyExists</c>.</exception>
    public LocalExecution StartExecution(string stateMachineArn, string? name = null, string? input = null, string? traceHeader = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (string.IsNullOrEmpty(stateMachineArn) || !stateMachineArn.StartsWith("arn:", StringComparison.Ordinal) || !stateMachineArn.Contains(":stateMachine:", StringComparison.Ordinal))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidArn, $"Invalid Arn: '{stateMachineArn}'");
        }

        if (!_machines.TryGetValue(stateMachineArn, out var machine))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{stateMachineArn}'");
        }

        name ??= Guid.NewGuid().ToString();
        ValidateName(name, "execution");
        input ??= "{}";
        if (Encoding.UTF8.GetByteCount(input) > MaxPayloadBytes)
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidExecutionInput, $"The input is over {MaxPayloadBytes} UTF-8 bytes.");
        }

        if (!JsonValues.TryParse(input, out var inputNode))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidExecutionInput, "Invalid Execution Input: the input is not valid JSON.");
        }

        var executionArn = $"arn:aws:states:{Region}:{AccountId}:execution:{machine.Name}:{name}";
        LocalExecution execution;
        lock (_startGate)
        {
            if (_executions.TryGetValue(executionArn, out var existing))
            {
                if (existing.Describe().Status == LocalExecutionStatus.Running && string.Equals(existing.Input, input, StringComparison.Ordinal))
                {
                    return existing;
                }

                throw new LocalStepFunctionsException(LocalStepFunctionsException.ExecutionAlreadyExists, $"Execution Already Exists: '{executionArn}'");
            }

            execution = new LocalExecution(executionArn, name, stateMachineArn, input, inputNode, traceHeader, TimeProvider, _observer);
            _executions[executionArn] = execution;
        }

        try
        {
            execution.Record(ExecutionHistoryEventType.ExecutionStarted, e => e with { Input = input, RoleArn = machine.RoleArn });
        }
        catch (StatesErrorException)
        {
            // The observer threw; the runner fails the execution as soon as it starts (LocalExecution.ObserverFailed).
        }

        var runner = new ExecutionRunner(this, machine, execution);
        _runs[execution] = Task.Run(runner.RunAsync);
        _ = execution.Completion.ContinueWith(_ => _runs.TryRemove(execution, out Task? _), TaskScheduler.Default);
        return execution;
    }

    /// <summary>Finds an execution.</summary>
    /// <param name="executionArn">The execution ARN.</param>
    /// <returns>The execution.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidArn</c> or <c>ExecutionDoesNotExist</c>.</exception>
    public LocalExecution GetExecution(string executionArn)
    {
        if (string.IsNullOrEmpty(executionArn) || !executionArn.StartsWith("arn:", StringComparison.Ordinal) || !executionArn.Contains(":execution:", StringComparison.Ordinal))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidArn, $"Invalid Arn: '{executionArn}'");
        }

        return _executions.TryGetValue(executionArn, out var execution)
            ? execution
            : throw new LocalStepFunctionsException(LocalStepFunctionsException.ExecutionDoesNotExist, $"Execution Does Not Exist: '{executionArn}'");
    }

    /// <summary><c>DescribeExecution</c>.</summary>
    /// <param name="executionArn">The execution ARN.</param>
    /// <returns>Its status, output, error and cause.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidArn</c> or <c>ExecutionDoesNotExist</c>.</exception>
    public LocalExecutionDescription DescribeExecution(string executionArn) => GetExecution(executionArn).Describe();

    /// <summary><c>GetExecutionHistory</c>: every event so far, oldest first.</summary>
    /// <param name="executionArn">The execution ARN.</param>
    /// <returns>The events.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidArn</c> or <c>ExecutionDoesNotExist</c>.</exception>
    public IReadOnlyList<ExecutionHistoryEvent> GetExecutionHistory(string executionArn) => GetExecution(executionArn).History;

    /// <summary><c>StopExecution</c>: aborts a running execution and waits until it has stopped. A closed execution is left as it is.</summary>
    /// <param name="executionArn">The execution ARN.</param>
    /// <param name="error">The error to record (at most 256 characters).</param>
    /// <param name="cause">The cause to record (at most 32,768 characters).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The execution's final description.</returns>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidArn</c>, <c>ExecutionDoesNotExist</c>, <c>ValidationException</c>.</exception>
    public Task<LocalExecutionDescription> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default)
    {
        var execution = GetExecution(executionArn);
        if (error is { Length: > 256 } || cause is { Length: > 32_768 })
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.ValidationException, "The error has at most 256 characters and the cause at most 32768.");
        }

        execution.RequestStop(LocalExecutionStatus.Aborted, error, cause);
        return execution.WaitAsync(cancellationToken);
    }

    /// <summary><c>SendTaskSuccess</c>: completes a waiting <c>.waitForTaskToken</c> task; <paramref name="output"/> becomes its result.</summary>
    /// <param name="taskToken">The token the task handed out (<c>$$.Task.Token</c>).</param>
    /// <param name="output">The result, JSON of at most 256 KiB.</param>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidToken</c>, <c>TaskDoesNotExist</c>, <c>TaskTimedOut</c>, <c>InvalidOutput</c>, <c>ValidationException</c>.</exception>
    public void SendTaskSuccess(string taskToken, string output) => Tokens.Succeed(taskToken, output);

    /// <summary><c>SendTaskFailure</c>: fails a waiting task with an error name that <c>Retry</c>/<c>Catch</c> match on.</summary>
    /// <param name="taskToken">The token.</param>
    /// <param name="error">The error name (at most 256 characters); null records an empty error name.</param>
    /// <param name="cause">The cause (at most 32,768 characters).</param>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidToken</c>, <c>TaskDoesNotExist</c>, <c>TaskTimedOut</c>, <c>ValidationException</c>.</exception>
    public void SendTaskFailure(string taskToken, string? error = null, string? cause = null) => Tokens.Fail(taskToken, error, cause);

    /// <summary><c>SendTaskHeartbeat</c>: resets the waiting task's <c>HeartbeatSeconds</c> clock.</summary>
    /// <param name="taskToken">The token.</param>
    /// <exception cref="LocalStepFunctionsException"><c>InvalidToken</c>, <c>TaskDoesNotExist</c>, <c>TaskTimedOut</c>.</exception>
    public void SendTaskHeartbeat(string taskToken) => Tokens.Heartbeat(taskToken);

    /// <summary>Aborts every running execution and waits for them to stop.</summary>
    /// <returns>A task that completes when no execution runs.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var execution in _executions.Values)
        {
            execution.RequestStop(LocalExecutionStatus.Aborted, null, "The local Step Functions service was disposed.");
        }

        await Task.WhenAll(_runs.Values).ConfigureAwait(false);
    }

    private static void ValidateName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidName, $"Invalid Name: the {what} name has 1 to {MaxNameLength} characters.");
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || ForbiddenNameCharacters.Contains(c, StringComparison.Ordinal))
            {
                throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidName, $"Invalid Name: the {what} name '{name}' has a character names may not have ('{c}').");
            }
        }
    }
}
