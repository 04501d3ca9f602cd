namespace EksOps.StateMachine.Lambda;

/// <summary>
/// Runs the Lambda functions a state machine's Task states invoke: locally, through the loopback Runtime API
/// (<c>EksOps.Lambda.Testing.RuntimeApiServer</c>), in-process, or scripted in a test.
/// </summary>
/// <remarks>
/// <para>What the invoker returns or throws decides what the Task sees:</para>
/// <list type="bullet">
///   <item><description><see cref="LambdaInvocationResult.Success"/>: the function's output (the Task's <c>Payload</c>).</description></item>
///   <item><description><see cref="LambdaInvocationResult.FunctionError"/>: the function failed (Lambda's
///   <c>X-Amz-Function-Error</c>); the Task fails with the error document's <c>errorType</c> as the error name and
///   the document as the cause.</description></item>
///   <item><description><see cref="LambdaServiceException"/>: Lambda itself refused or failed (throttling, no such
///   function); the Task fails with <c>Lambda.&lt;ErrorCode&gt;</c>, e.g. <c>Lambda.TooManyRequestsException</c>.</description></item>
///   <item><description>Any other exception: the platform failed; <see cref="HttpRequestException"/> and
///   <see cref="IOException"/> become <c>Lambda.SdkClientException</c>, anything else
///   <c>Lambda.ServiceException</c>, with the exception's type and message as the cause.</description></item>
/// </list>
/// <para>The cancellation token fires when the Task times out or the execution stops; an invoker should give up then.</para>
/// </remarks>
public interface ILambdaTaskInvoker
{
    /// <summary>Invokes a function synchronously (<c>RequestResponse</c>).</summary>
    /// <param name="request">The function, qualifier and payload.</param>
    /// <param name="cancellationToken">Fires when the Task times out or the execution stops.</param>
    /// <returns>The function's output or its error document.</returns>
    Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken);
}
