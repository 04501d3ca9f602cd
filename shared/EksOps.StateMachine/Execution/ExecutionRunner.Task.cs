using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Definition.States;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Lambda;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Execution;

/// <summary>Task states: Lambda invocations, task tokens, timeouts and heartbeats, Retry and Catch.</summary>
internal sealed partial class ExecutionRunner
{
    private async Task<(string? Next, JsonNode? Output)> RunTaskAsync(TaskState task, JsonNode? input, DateTimeOffset entered, CancellationToken cancellationToken)
    {
        // Retrier counters live for this visit of the state: each retrier counts its own attempts.
        var attemptsPerRetrier = new int[task.Retry.Count];
        var retries = 0;
        while (true)
        {
            try
            {
                var effective = task.InputPath.Apply(input, "InputPath");
                var result = await AttemptAsync(task, effective, entered, retries, cancellationToken).ConfigureAwait(false);
                var context = Context(task, entered, retries, null);
                var selected = task.ResultSelector is null ? result : task.ResultSelector.Evaluate(Scope(result, context));
                var combined = task.ResultPath.Apply(input, selected);
                return (task.Next, task.OutputPath.Apply(combined, "OutputPath"));
            }
            catch (StatesErrorException error) when (!error.IsTerminal)
            {
                var retrier = task.Retry.Select((r, i) => (Retrier: r, Index: i)).FirstOrDefault(r => StatesErrors.Matches(r.Retrier.ErrorEquals, error.Error));
                if (retrier.Retrier is not null && attemptsPerRetrier[retrier.Index] < retrier.Retrier.MaxAttempts)
                {
                    var attempt = ++attemptsPerRetrier[retrier.Index];
                    retries++;
                    var delay = retrier.Retrier.Delay(attempt, retrier.Retrier.FullJitter ? service.Random.NextDouble() : 1.0);
                    execution.Record(ExecutionHistoryEventType.RetryScheduled, e => e with
                    {
                        StateName = task.Name,
                        StateType = task.Type,
                        Error = NullIfEmpty(error.Error),
                        Cause = error.Cause,
                        RetryAttempt = retries,
                        Delay = delay,
                    });
                    await Delays.DelayAsync(delay, Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // A retrier that matched but is exhausted ends the retrying: later retriers are not consulted.
                var catcher = task.Catch.FirstOrDefault(c => StatesErrors.Matches(c.ErrorEquals, error.Error));
                if (catcher is null)
                {
                    throw;
                }

                // Both members are always there; a missing cause is an empty string, as Step Functions binds it.
                var errorOutput = new JsonObject { ["Error"] = error.Error, ["Cause"] = error.Cause ?? string.Empty };

                var output = catcher.ResultPath.Apply(input, errorOutput);
                execution.Record(ExecutionHistoryEventType.ErrorCaught, e => e with
                {
                    StateName = task.Name,
                    StateType = task.Type,
                    Error = NullIfEmpty(error.Error),
                    Cause = error.Cause,
                    NextState = catcher.Next,
                });
                return (catcher.Next, output);
            }
        }
    }

    /// <summary>One attempt of a Task: parameters, the invocation (and the token wait), the result. Errors come out as <see cref="StatesErrorException"/>.</summary>
    private async Task<JsonNode?> AttemptAsync(TaskState task, JsonNode? effective, DateTimeOffset entered, int retries, CancellationToken cancellationToken)
    {
        var waitsForToken = task.ResourceKind == TaskResourceKind.LambdaInvokeWaitForTaskToken;
        var token = waitsForToken ? service.Tokens.Issue(task.Name) : null;
        try
        {
            var scope = Scope(effective, Context(task, entered, retries, token?.Token));
            var parameters = task.Parameters is null ? effective : task.Parameters.Evaluate(scope);
            var timeout = Seconds(task, task.TimeoutSeconds, task.TimeoutSecondsPath, scope, "TimeoutSecondsPath");
            var heartbeat = Seconds(task, task.HeartbeatSeconds, task.HeartbeatSecondsPath, scope, "HeartbeatSecondsPath");
            var request = Request(task, parameters, retries, token?.Token);
            execution.Record(ExecutionHistoryEventType.TaskScheduled, e => e with
            {
                StateName = task.Name,
                StateType = task.Type,
                Resource = task.Resource,
                Parameters = JsonValues.ToJson(parameters),
                TimeoutSeconds = timeout,
                HeartbeatSeconds = heartbeat,
            });
            var started = Time.GetUtcNow();
            execution.Record(ExecutionHistoryEventType.TaskStarted, e => e with { StateName = task.Name, StateType = task.Type, Resource = task.Resource });
            try
            {
                var result = token is null
                    ? await InvokeAsync(task, request, timeout, cancellationToken).ConfigureAwait(false)
                    : await InvokeAndWaitForTokenAsync(task, request, token, timeout, heartbeat, cancellationToken).ConfigureAwait(false);
                CheckSize(result, $"The result of task '{task.Name}'");
                execution.Record(ExecutionHistoryEventType.TaskSucceeded, e => e with
                {
                    StateName = task.Name,
                    StateType = task.Type,
                    Resource = task.Resource,
                    Output = JsonValues.ToJson(result),
                    Duration = Time.GetUtcNow() - started,
                });
                return result;
            }
            catch (StatesErrorException error) when (!error.IsTerminal)
            {
                var timedOut = error.Error is StatesErrors.Timeout or StatesErrors.HeartbeatTimeout;
                execution.Record(timedOut ? ExecutionHistoryEventType.TaskTimedOut : ExecutionHistoryEventType.TaskFailed, e => e with
                {
                    StateName = task.Name,
                    StateType = task.Type,
                    Resource = task.Resource,
                    Error = NullIfEmpty(error.Error),
                    Cause = error.Cause,
                    Duration = Time.GetUtcNow() - started,
                });
                throw;
            }
        }
        finally
        {
            token?.Close();
        }
    }

    /// <summary>A plain invocation, within the Task's timeout.</summary>
    private async Task<JsonNode?> InvokeAsync(TaskState task, LambdaInvocationRequest request, long? timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var invocation = StartInvocation(request, attempt.Token);
            var limit = Delays.LimitAsync(timeout is null ? null : TimeSpan.FromSeconds(timeout.Value), Time, attempt.Token);
            await Task.WhenAny(invocation, limit).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!invocation.IsCompleted)
            {
                throw TimedOut(task, timeout!.Value);
            }

            return Result(task, await OutcomeAsync(invocation, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            await attempt.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A <c>.waitForTaskToken</c> invocation: invoke, then wait for the token's answer, within the timeout and the
    /// heartbeat interval. An answer that arrives while the function still runs counts; a failed invocation fails the
    /// Task unless an answer came first.
    /// </summary>
    private async Task<JsonNode?> InvokeAndWaitForTokenAsync(
        TaskState task, LambdaInvocationRequest request, TaskTokenEntry token, long? timeout, long? heartbeat, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeatTimer = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token);
        try
        {
            var invocation = StartInvocation(request, attempt.Token);
            var limit = Delays.LimitAsync(timeout is null ? null : TimeSpan.FromSeconds(timeout.Value), Time, attempt.Token);
            var beatDue = Delays.LimitAsync(heartbeat is null ? null : TimeSpan.FromSeconds(heartbeat.Value), Time, heartbeatTimer.Token);
            var beat = token.NextHeartbeat;
            var submitted = false;
            while (true)
            {
                var waits = new List<Task> { token.Answered, limit, beatDue, beat };
                if (!submitted)
                {
                    waits.Add(invocation);
                }

                await Task.WhenAny(waits).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (token.Answered.IsCompleted)
                {
                    var answer = await token.Answered.ConfigureAwait(false);
                    return answer.Succeeded ? answer.Output : throw new StatesErrorException(answer.Error ?? string.Empty, answer.Cause);
                }

                if (!submitted && invocation.IsCompleted)
                {
                    // The function's own result is ignored (only a failure counts): the answer comes with the token.
                    var response = Result(task, await OutcomeAsync(invocation, cancellationToken).ConfigureAwait(false));
                    execution.Record(ExecutionHistoryEventType.TaskSubmitted, e => e with
                    {
                        StateName = task.Name,
                        StateType = task.Type,
                        Resource = task.Resource,
                        Output = JsonValues.ToJson(response),
                    });
                    submitted = true;
                    continue;
                }

                if (limit.IsCompleted && token.TryTimeOut())
                {
                    throw TimedOut(task, timeout!.Value);
                }

                if (beatDue.IsCompleted && !beat.IsCompleted && token.TryTimeOut())
                {
                    throw new StatesErrorException(
                        StatesErrors.HeartbeatTimeout,
                        string.Create(CultureInfo.InvariantCulture, $"No heartbeat for task '{task.Name}' within HeartbeatSeconds ({heartbeat} s)."));
                }

                if (beat.IsCompleted)
                {
                    // A heartbeat restarts the heartbeat clock.
                    await heartbeatTimer.CancelAsync().ConfigureAwait(false);
                    heartbeatTimer.Dispose();
                    heartbeatTimer = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token);
                    beatDue = Delays.LimitAsync(heartbeat is null ? null : TimeSpan.FromSeconds(heartbeat.Value), Time, heartbeatTimer.Token);

                    beat = token.NextHeartbeat;
                }
            }
        }
        finally
        {
            await attempt.CancelAsync().ConfigureAwait(false);
            heartbeatTimer.Dispose();
        }
    }

    /// <summary>Calls the invoker, catching its synchronous throws too, so that every failure comes out of the task.</summary>
    private Task<LambdaInvocationResult> StartInvocation(LambdaInvocationRequest request, CancellationToken cancellationToken)
    {
        Task<LambdaInvocationResult> invocation;
        try
        {
            invocation = service.Invoker.InvokeAsync(request, cancellationToken);
        }
        catch (Exception ex)
        {
            invocation = Task.FromException<LambdaInvocationResult>(ex);
        }

        // An invocation abandoned on a timeout may still fail later; observe it so that it is not reported as unobserved.
        _ = invocation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return invocation;
    }

    /// <summary>The invocation's result, with invoker exceptions turned into Task errors.</summary>
    private static async Task<LambdaInvocationResult> OutcomeAsync(Task<LambdaInvocationResult> invocation, CancellationToken cancellationToken)
    {
        try
        {
            return await invocation.ConfigureAwait(false)
                ?? throw new StatesErrorException("Lambda.ServiceException", "The Lambda invoker returned no result.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LambdaServiceException ex)
        {
            throw new StatesErrorException(ex.StatesError, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new StatesErrorException("Lambda.SdkClientException", $"{ex.GetType().Name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not StatesErrorException)
        {
            throw new StatesErrorException("Lambda.ServiceException", $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>What the Task's result is: a function error fails the Task; otherwise the Invoke response (optimized integration) or the output itself (legacy ARN form).</summary>
    private static JsonNode? Result(TaskState task, LambdaInvocationResult outcome)
    {
        if (outcome.IsFunctionError)
        {
            throw new StatesErrorException(outcome.ErrorType ?? LambdaInvocationResult.UnknownErrorType, outcome.Payload);
        }

        var payload = JsonValues.TryParse(outcome.Payload, out var parsed) ? parsed : JsonValues.String(outcome.Payload);
        if (task.ResourceKind == TaskResourceKind.LambdaFunctionArn)
        {
            return payload;
        }

        var requestId = Guid.NewGuid().ToString();
        return new JsonObject
        {
            ["ExecutedVersion"] = outcome.ExecutedVersion,
            ["Payload"] = payload,
            ["SdkHttpMetadata"] = new JsonObject
            {
                ["HttpHeaders"] = new JsonObject
                {
                    ["Content-Type"] = "application/json",
                    ["X-Amz-Executed-Version"] = outcome.ExecutedVersion,
                    ["x-amzn-RequestId"] = requestId,
                },
                ["HttpStatusCode"] = JsonValues.Number(200),
            },
            ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId },
            ["StatusCode"] = JsonValues.Number(200),
        };
    }

    /// <summary>Builds the Invoke call from the effective parameters.</summary>
    private LambdaInvocationRequest Request(TaskState task, JsonNode? parameters, int retries, string? taskToken)
    {
        if (task.ResourceKind == TaskResourceKind.LambdaFunctionArn)
        {
            return new LambdaInvocationRequest
            {
                FunctionName = task.Resource,
                Payload = JsonValues.ToJson(parameters),
                ExecutionArn = execution.ExecutionArn,
                StateName = task.Name,
                TaskToken = taskToken,
                RetryCount = retries,
            };
        }

        if (parameters is not JsonObject invoke)
        {
            throw new StatesErrorException(StatesErrors.Runtime, $"The Parameters of task '{task.Name}' evaluated to {JsonValues.TypeName(parameters)}, not an object with FunctionName.");
        }

        if (!JsonValues.TryGetString(invoke["FunctionName"], out var functionName) || functionName.Length == 0)
        {
            throw new StatesErrorException(StatesErrors.Runtime, $"The FunctionName of task '{task.Name}' is {JsonValues.ToJson(invoke["FunctionName"])}, not a function name.");
        }

        if (invoke.TryGetPropertyValue("InvocationType", out var type) && !(JsonValues.TryGetString(type, out var invocationType) && invocationType == "RequestResponse"))
        {
            throw new StatesErrorException(StatesErrors.Runtime, $"The InvocationType of task '{task.Name}' is {JsonValues.ToJson(type)}; only RequestResponse is supported here.");
        }

        string? qualifier = null;
        if (invoke.TryGetPropertyValue("Qualifier", out var qualifierNode) && !JsonValues.TryGetString(qualifierNode, out qualifier))
        {
            throw new StatesErrorException(StatesErrors.Runtime, $"The Qualifier of task '{task.Name}' is {JsonValues.ToJson(qualifierNode)}, not a string.");
        }

        return new LambdaInvocationRequest
        {
            FunctionName = functionName,
            Qualifier = qualifier,
            Payload = PayloadText(invoke),
            ExecutionArn = execution.ExecutionArn,
            StateName = task.Name,
            TaskToken = taskToken,
            RetryCount = retries,
        };
    }

    /// <summary>
    /// The event sent to the function: the <c>Payload</c> parameter as JSON (<c>{}</c> when there is none). A string
    /// that is itself JSON text is sent as that text; any other string is sent as a JSON string.
    /// </summary>
    private static string PayloadText(JsonObject invoke)
    {
        if (!invoke.TryGetPropertyValue("Payload", out var payload) || payload is null)
        {
            return "{}";
        }

        return JsonValues.TryGetString(payload, out var text) && JsonValues.TryParse(text, out _) ? text : JsonValues.ToJson(payload);
    }

    /// <summary>A static number of seconds, or the one at a path (a positive integer, else <c>States.Runtime</c>).</summary>
    private static long? Seconds(TaskState task, int? seconds, JsonPath? path, EvaluationScope scope, string field)
    {
        if (seconds is not null)
        {
            return seconds;
        }

        if (path is null)
        {
            return null;
        }

        var value = Select(scope, path, field);
        return JsonValues.TryGetInteger(value, out var fromPath) && fromPath > 0 && fromPath <= Definition.DefinitionReader.MaxSeconds
            ? fromPath
            : throw new StatesErrorException(
                StatesErrors.Runtime, $"The {field} '{path.Text}' of task '{task.Name}' gave {JsonValues.ToJson(value)}, not a positive integer.");
    }

    private static StatesErrorException TimedOut(TaskState task, long timeout) =>
        new(StatesErrors.Timeout, string.Create(CultureInfo.InvariantCulture, $"Task '{task.Name}' did not finish within TimeoutSeconds ({timeout} s)."));

    private static string? NullIfEmpty(string error) => error.Length == 0 ? null : error;
}
