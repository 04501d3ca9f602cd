using EksOps.StateMachine.Lambda;

namespace EksOps.Local;

/// <summary>
/// Sends the state machine's Lambda tasks to <see cref="LocalFunction"/>s by function name or ARN, as the Lambda
/// service would: a function error comes back as Lambda's error document, an unknown function as
/// <c>Lambda.ResourceNotFoundException</c>.
/// </summary>
/// <param name="functions">The functions, looked up when a task runs (so functions started later are found).</param>
public sealed class LocalFunctionInvoker(IReadOnlyCollection<LocalFunction> functions) : ILambdaTaskInvoker
{

    /// <summary>
    /// Wraps every invocation (fault injection in tests): given the request and the real invocation, returns a result
    /// or throws as Lambda would — for example fail before invoking, or invoke and then lose the response.
    /// </summary>
    public Func<LambdaInvocationRequest, Func<Task<LambdaInvocationResult>>, Task<LambdaInvocationResult>>? Intercept { get; init; }

    /// <inheritdoc/>
    public async Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var function = functions.FirstOrDefault(f => f.Arn == request.FunctionName || f.Name == request.FunctionName);
        if (function is null)
        {
            throw new LambdaServiceException("ResourceNotFoundException", $"Function not found: {request.FunctionName}");
        }

        async Task<LambdaInvocationResult> Invoke()
        {
            var result = await function.InvokeAsync(request.Payload, cancellationToken).ConfigureAwait(false);
            return result.IsError
                ? LambdaInvocationResult.FunctionError(result.PayloadText, result.ErrorType)
                : LambdaInvocationResult.Success(result.PayloadText);
        }

        return Intercept is null ? await Invoke().ConfigureAwait(false) : await Intercept(request, Invoke).ConfigureAwait(false);
    }
}
