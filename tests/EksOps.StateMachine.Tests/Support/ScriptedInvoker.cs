using System.Collections.Concurrent;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>An <see cref="ILambdaTaskInvoker"/> that answers from a script and records every request.</summary>
public sealed class ScriptedInvoker : ILambdaTaskInvoker
{
    private readonly Func<LambdaInvocationRequest, CancellationToken, Task<LambdaInvocationResult>> _answer;
    private readonly ConcurrentQueue<LambdaInvocationRequest> _requests = new();

    /// <summary>Answers with <paramref name="answer"/>.</summary>
    public ScriptedInvoker(Func<LambdaInvocationRequest, CancellationToken, Task<LambdaInvocationResult>> answer) => _answer = answer;

    /// <summary>Answers synchronously with <paramref name="answer"/>.</summary>
    public ScriptedInvoker(Func<LambdaInvocationRequest, LambdaInvocationResult> answer)
        : this((request, _) => Task.FromResult(answer(request)))
    {
    }

    /// <summary>The requests so far, in order.</summary>
    public IReadOnlyList<LambdaInvocationRequest> Requests => [.. _requests];

    /// <summary>Echoes the payload back as the function's output.</summary>
    public static ScriptedInvoker Echo() => new(request => LambdaInvocationResult.Success(request.Payload));

    /// <summary>Answers the n-th call with the n-th answer; a call past the script fails the test.</summary>
    public static ScriptedInvoker Sequence(params Func<LambdaInvocationRequest, LambdaInvocationResult>[] answers)
    {
        var next = -1;
        return new ScriptedInvoker(request =>
        {
            var index = Interlocked.Increment(ref next);
            return index < answers.Length
                ? answers[index](request)
                : throw new InvalidOperationException($"The script has {answers.Length} answer(s); call {index + 1} to {request.FunctionName} was not expected.");
        });
    }

    /// <summary>A function error document as our runtime writes it.</summary>
    public static LambdaInvocationResult Error(string errorType, string message = "boom") =>
        LambdaInvocationResult.FunctionError(
            JsonValuesForTests.Compact(new JsonObject { ["errorType"] = errorType, ["errorMessage"] = message }));

    /// <inheritdoc/>
    public Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return _answer(request, cancellationToken);
    }
}
