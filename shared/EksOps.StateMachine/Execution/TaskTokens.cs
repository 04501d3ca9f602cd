using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.StateMachine.Json;

namespace EksOps.StateMachine.Execution;

/// <summary>
/// The task tokens a <see cref="LocalStepFunctions"/> hands out to <c>.waitForTaskToken</c> tasks, and the answers
/// (<c>SendTaskSuccess</c>, <c>SendTaskFailure</c>, <c>SendTaskHeartbeat</c>) that come back for them. The first of an
/// answer, a timeout and the end of the task wins; a later call is refused with the service's error
/// (<c>TaskTimedOut</c>, <c>TaskDoesNotExist</c>, <c>InvalidToken</c>).
/// </summary>
internal sealed class TaskTokens
{
    /// <summary>Every token starts with this, so that a token from elsewhere is recognised as malformed.</summary>
    private const string Prefix = "EKSOPS";

    private const int RandomBytes = 48;

    private readonly ConcurrentDictionary<string, TaskTokenEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Issues a token for one attempt of a Task.</summary>
    public TaskTokenEntry Issue(string stateName)
    {
        while (true)
        {
            var token = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
            var entry = new TaskTokenEntry(token, stateName);
            if (_entries.TryAdd(token, entry))
            {
                return entry;
            }
        }
    }

    /// <summary>Completes the task with <paramref name="output"/> as its result.</summary>
    /// <exception cref="LocalStepFunctionsException">The token is malformed or unknown, the task is not waiting, the output is not JSON or too large.</exception>
    public void Succeed(string taskToken, string output)
    {
        var entry = Find(taskToken);
        if (output is null || !JsonValues.TryParse(output, out var parsed))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidOutput, "The output is not valid JSON.");
        }

        if (Encoding.UTF8.GetByteCount(output) > LocalStepFunctions.MaxPayloadBytes)
        {
            throw new LocalStepFunctionsException(
                LocalStepFunctionsException.ValidationException, $"The output is over {LocalStepFunctions.MaxPayloadBytes} UTF-8 bytes.");
        }

        entry.Answer(new TaskCallback(parsed, null, null, Succeeded: true));
    }

    /// <summary>Fails the task with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    /// <exception cref="LocalStepFunctionsException">The token is malformed or unknown, the task is not waiting, or the error or cause is too long.</exception>
    public void Fail(string taskToken, string? error, string? cause)
    {
        var entry = Find(taskToken);
        if (error is { Length: > 256 })
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.ValidationException, "The error has more than 256 characters.");
        }

        if (cause is { Length: > 32_768 })
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.ValidationException, "The cause has more than 32768 characters.");
        }

        entry.Answer(new TaskCallback(null, error, cause, Succeeded: false));
    }

    /// <summary>Resets the task's heartbeat clock.</summary>
    /// <exception cref="LocalStepFunctionsException">The token is malformed or unknown, or the task is not waiting.</exception>
    public void Heartbeat(string taskToken) => Find(taskToken).Heartbeat();

    private TaskTokenEntry Find(string taskToken)
    {
        if (string.IsNullOrEmpty(taskToken) || taskToken.Length > 2048 || !IsWellFormed(taskToken))
        {
            throw new LocalStepFunctionsException(LocalStepFunctionsException.InvalidToken, "Invalid Token: the task token is malformed.");
        }

        return _entries.TryGetValue(taskToken, out var entry)
            ? entry
            : throw new LocalStepFunctionsException(LocalStepFunctionsException.TaskDoesNotExist, "Task Does Not Exist: no task has this token.");
    }

    private static bool IsWellFormed(string token) =>
        token.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(token.AsSpan(Prefix.Length), out var decodedLength)
        && decodedLength == RandomBytes;
}

/// <summary>What came back for a task token.</summary>
/// <param name="Output">The <c>SendTaskSuccess</c> output.</param>
/// <param name="Error">The <c>SendTaskFailure</c> error.</param>
/// <param name="Cause">The <c>SendTaskFailure</c> cause.</param>
/// <param name="Succeeded">Whether it was <c>SendTaskSuccess</c>.</param>
internal sealed record TaskCallback(JsonNode? Output, string? Error, string? Cause, bool Succeeded);

/// <summary>One issued token: whether its task still waits, the answer when it came, and heartbeats.</summary>
internal sealed class TaskTokenEntry(string token, string stateName)
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<TaskCallback> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskTokenState _state = TaskTokenState.Waiting;

    /// <summary>The token.</summary>
    public string Token { get; } = token;

    /// <summary>The Task state.</summary>
    public string StateName { get; } = stateName;

    /// <summary>Completes when <c>SendTaskSuccess</c> or <c>SendTaskFailure</c> is accepted.</summary>
    public Task<TaskCallback> Answered => _answer.Task;

    /// <summary>Completes at the next accepted heartbeat (read it again after each one).</summary>
    public Task NextHeartbeat
    {
        get
        {
            lock (_gate)
            {
                return _heartbeat.Task;
            }
        }
    }

    /// <summary>Marks the task timed out unless an answer came first; false when it did.</summary>
    public bool TryTimeOut()
    {
        lock (_gate)
        {
            if (_state == TaskTokenState.Answered)
            {
                return false;
            }

            _state = TaskTokenState.TimedOut;
            return true;
        }
    }

    /// <summary>Marks the task no longer waiting (it ended, failed, or its execution stopped).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_state == TaskTokenState.Waiting)
            {
                _state = TaskTokenState.Closed;
            }
        }
    }

    /// <summary>Accepts an answer if the task still waits.</summary>
    /// <exception cref="LocalStepFunctionsException">It does not.</exception>
    public void Answer(TaskCallback callback)
    {
        lock (_gate)
        {
            ThrowUnlessWaiting();
            _state = TaskTokenState.Answered;
        }

        _answer.TrySetResult(callback);
    }

    /// <summary>Accepts a heartbeat if the task still waits.</summary>
    /// <exception cref="LocalStepFunctionsException">It does not.</exception>
    public void Heartbeat()
    {
        TaskCompletionSource beat;
        lock (_gate)
        {
            ThrowUnlessWaiting();
            beat = _heartbeat;
            _heartbeat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        beat.TrySetResult();
    }

    private void ThrowUnlessWaiting()
    {
        switch (_state)
        {
            case TaskTokenState.TimedOut:
                throw new LocalStepFunctionsException(LocalStepFunctionsException.TaskTimedOut, $"Task Timed Out: the task of state '{StateName}' timed out.");
            case TaskTokenState.Answered or TaskTokenState.Closed:
                throw new LocalStepFunctionsException(LocalStepFunctionsException.TaskDoesNotExist, $"Task Does Not Exist: the task of state '{StateName}' is no longer waiting.");
            default:
                break;
        }
    }

    private enum TaskTokenState
    {
        Waiting,
        Answered,
        TimedOut,
        Closed,
    }
}
