using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Definition.States;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Execution;

/// <summary>
/// Runs one execution from <c>StartAt</c> to its end, state by state, recording the history as it goes. Data flows
/// as in Step Functions: InputPath → Parameters → result → ResultSelector → ResultPath → OutputPath; Task errors go
/// through Retry, then Catch; anything else fails the execution.
/// </summary>
internal sealed partial class ExecutionRunner(LocalStepFunctions service, StateMachineRegistration machine, LocalExecution execution)
{
    private TimeProvider Time => service.TimeProvider;

    /// <summary>Runs the execution to its end; never throws (the outcome is in the execution).</summary>
    public async Task RunAsync()
    {
        var stopping = execution.Stopping;
        using var timeoutWatch = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (machine.Definition.TimeoutSeconds is { } timeoutSeconds)
        {
            _ = WatchExecutionTimeoutAsync(TimeSpan.FromSeconds(timeoutSeconds), timeoutWatch.Token);
        }

        try
        {
            if (execution.ObserverFailed)
            {
                throw new StatesErrorException(StatesErrors.Runtime, "The execution observer threw on ExecutionStarted.");
            }

            var stateName = machine.Definition.StartAt;
            var data = execution.InputNode;
            while (true)
            {
                stopping.ThrowIfCancellationRequested();
                var state = machine.Definition.States[stateName];
                var (next, output) = await RunStateAsync(state, data, stopping).ConfigureAwait(false);
                if (next is null)
                {
                    execution.Complete(LocalExecutionStatus.Succeeded, JsonValues.ToJson(output), null, null);
                    return;
                }

                stateName = next;
                data = output;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            var (status, error, cause) = execution.StopRequest ?? (LocalExecutionStatus.Aborted, null, null);
            execution.Complete(status, null, error, cause);
        }
        catch (StatesErrorException ex)
        {
            execution.Complete(LocalExecutionStatus.Failed, null, ex.Error.Length == 0 ? null : ex.Error, ex.Cause);
        }
        catch (Exception ex)
        {
            // A bug here, not in the definition: still end the execution, with what happened, rather than hang.
            execution.Complete(LocalExecutionStatus.Failed, null, StatesErrors.Runtime, $"The local executor failed: {ex}");
        }
        finally
        {
            await timeoutWatch.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task WatchExecutionTimeoutAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Delays.DelayAsync(timeout, Time, cancellationToken).ConfigureAwait(false);
            execution.RequestStop(
                LocalExecutionStatus.TimedOut,
                StatesErrors.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"The execution ran longer than its TimeoutSeconds ({timeout.TotalSeconds:0} s)."));
        }
        catch (OperationCanceledException)
        {
            // The execution ended first.
        }
    }

    private async Task<(string? Next, JsonNode? Output)> RunStateAsync(StateDefinition state, JsonNode? input, CancellationToken cancellationToken)
    {
        var entered = Time.GetUtcNow();
        execution.Record(ExecutionHistoryEventType.StateEntered, e => e with { StateName = state.Name, StateType = state.Type, Input = JsonValues.ToJson(input) });
        (string? Next, JsonNode? Output) outcome = state switch
        {
            TaskState task => await RunTaskAsync(task, input, entered, cancellationToken).ConfigureAwait(false),
            PassState pass => RunPass(pass, input, entered),
            ChoiceState choice => RunChoice(choice, input, entered),
            WaitState wait => await RunWaitAsync(wait, input, entered, cancellationToken).ConfigureAwait(false),
            SucceedState succeed => (null, succeed.OutputPath.Apply(succeed.InputPath.Apply(input, "InputPath"), "OutputPath")),
            FailState fail => throw FailStateError(fail, input, entered),
            _ => throw new StatesErrorException(StatesErrors.Runtime, $"State type {state.Type} is not supported."),
        };

        CheckSize(outcome.Output, $"The output of state '{state.Name}'");
        execution.Record(ExecutionHistoryEventType.StateExited, e => e with
        {
            StateName = state.Name,
            StateType = state.Type,
            Output = JsonValues.ToJson(outcome.Output),
            Duration = Time.GetUtcNow() - entered,
            NextState = outcome.Next,
        });
        return outcome;
    }

    private (string? Next, JsonNode? Output) RunPass(PassState pass, JsonNode? input, DateTimeOffset entered)
    {
        var effective = pass.InputPath.Apply(input, "InputPath");
        JsonNode? result;
        if (pass.HasResult)
        {
            result = JsonValues.Clone(pass.Result);
        }
        else
        {
            result = pass.Parameters is null ? effective : pass.Parameters.Evaluate(Scope(effective, Context(pass, entered, 0, null)));
        }

        var combined = pass.ResultPath.Apply(input, result);
        return (pass.Next, pass.OutputPath.Apply(combined, "OutputPath"));
    }

    private (string? Next, JsonNode? Output) RunChoice(ChoiceState choice, JsonNode? input, DateTimeOffset entered)
    {
        var effective = choice.InputPath.Apply(input, "InputPath");
        var scope = Scope(effective, Context(choice, entered, 0, null));
        var next = choice.Choices.FirstOrDefault(c => c.Rule.Evaluate(scope)).Next ?? choice.Default
            ?? throw new StatesErrorException(StatesErrors.NoChoiceMatched, $"No Choice rule of state '{choice.Name}' matched, and it has no Default.");
        return (next, choice.OutputPath.Apply(effective, "OutputPath"));
    }

    private async Task<(string? Next, JsonNode? Output)> RunWaitAsync(WaitState wait, JsonNode? input, DateTimeOffset entered, CancellationToken cancellationToken)
    {
        var effective = wait.InputPath.Apply(input, "InputPath");
        var scope = Scope(effective, Context(wait, entered, 0, null));
        var now = Time.GetUtcNow();
        TimeSpan delay;
        if (wait.Seconds is { } seconds)
        {
            delay = TimeSpan.FromSeconds(seconds);
        }
        else if (wait.Timestamp is { } timestamp)
        {
            delay = timestamp - now;
        }
        else if (wait.SecondsPath is { } secondsPath)
        {
            var value = Select(scope, secondsPath, "SecondsPath");
            delay = JsonValues.TryGetInteger(value, out var fromPath) && fromPath >= 0 && fromPath <= Definition.DefinitionReader.MaxSeconds
                ? TimeSpan.FromSeconds(fromPath)
                : throw new StatesErrorException(
                    StatesErrors.Runtime, $"The SecondsPath '{secondsPath.Text}' of state '{wait.Name}' gave {JsonValues.ToJson(value)}, not a non-negative integer.");
        }
        else
        {
            var value = Select(scope, wait.TimestampPath!, "TimestampPath");
            delay = JsonValues.TryGetString(value, out var text) && Timestamps.TryParse(text, out var until)
                ? until - now
                : throw new StatesErrorException(
                    StatesErrors.Runtime, $"The TimestampPath '{wait.TimestampPath!.Text}' of state '{wait.Name}' gave {JsonValues.ToJson(value)}, not an RFC 3339 timestamp.");
        }

        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        execution.Record(ExecutionHistoryEventType.WaitStarted, e => e with { StateName = wait.Name, StateType = wait.Type, Delay = delay });
        await Delays.DelayAsync(delay, Time, cancellationToken).ConfigureAwait(false);
        return (wait.Next, wait.OutputPath.Apply(effective, "OutputPath"));
    }

    private StatesErrorException FailStateError(FailState fail, JsonNode? input, DateTimeOffset entered)
    {
        var scope = Scope(input, Context(fail, entered, 0, null));
        var error = fail.ErrorPath is null ? fail.Error : FailString(fail, fail.ErrorPath, scope, "ErrorPath");
        var cause = fail.CausePath is null ? fail.Cause : FailString(fail, fail.CausePath, scope, "CausePath");
        return new StatesErrorException(error ?? string.Empty, cause);
    }

    private static string FailString(FailState fail, ValueExpression expression, EvaluationScope scope, string field)
    {
        var value = expression.Evaluate(scope, field);
        return JsonValues.TryGetString(value, out var text)
            ? text
            : throw new StatesErrorException(StatesErrors.Runtime, $"The {field} '{expression.Text}' of state '{fail.Name}' gave {JsonValues.TypeName(value)}, not a string.");
    }

    private EvaluationScope Scope(JsonNode? input, JsonNode? context) => new(input, context, service.Random);

    private static JsonNode? Select(EvaluationScope scope, JsonPath path, string field) =>
        scope.TrySelect(path, out var value)
            ? value
            : throw new StatesErrorException(StatesErrors.Runtime, $"Invalid path '{path.Text}' in {field}: no results for the path in '{JsonValues.ToJson(scope.Source(path))}'.");

    /// <summary>The Context Object (<c>$$</c>) for a state: execution, state (entered time, retry count), state machine, and the task token when there is one.</summary>
    private JsonObject Context(StateDefinition state, DateTimeOffset entered, int retryCount, string? taskToken)
    {
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = execution.ExecutionArn,
                ["Input"] = JsonValues.Clone(execution.InputNode),
                ["Name"] = execution.Name,
                ["RoleArn"] = machine.RoleArn,
                ["StartTime"] = Timestamps.Format(execution.StartDate),
                ["RedriveCount"] = JsonValues.Number(0),
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = Timestamps.Format(entered),
                ["Name"] = state.Name,
                ["RetryCount"] = JsonValues.Number(retryCount),
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = machine.Arn,
                ["Name"] = machine.Name,
            },
        };
        if (taskToken is not null)
        {
            context["Task"] = new JsonObject { ["Token"] = taskToken };
        }

        return context;
    }

    private static void CheckSize(JsonNode? node, string what)
    {
        var size = JsonValues.Utf8Size(node);
        if (size > LocalStepFunctions.MaxPayloadBytes)
        {
            throw new StatesErrorException(
                StatesErrors.DataLimitExceeded,
                string.Create(CultureInfo.InvariantCulture, $"{what} is {size} bytes, over the limit of {LocalStepFunctions.MaxPayloadBytes} bytes."));
        }
    }
}
