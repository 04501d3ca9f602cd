namespace EksOps.StateMachine.Definition.States;

/// <summary>The Lambda resources a Task may name here.</summary>
internal enum TaskResourceKind
{
    /// <summary><c>arn:aws:states:::lambda:invoke</c>: the optimized integration; the result is the Invoke response (<c>Payload</c>, <c>StatusCode</c>, …).</summary>
    LambdaInvoke,

    /// <summary><c>arn:aws:states:::lambda:invoke.waitForTaskToken</c>: invoke, then wait for <c>SendTaskSuccess</c>/<c>SendTaskFailure</c>.</summary>
    LambdaInvokeWaitForTaskToken,

    /// <summary>A function ARN as the resource (the legacy form): the result is the function's output itself.</summary>
    LambdaFunctionArn,
}
