namespace EksOps.Aws.StepFunctions;

/// <summary>
/// Step Functions rejected a task token in <c>SendTaskSuccess</c>, <c>SendTaskFailure</c> or <c>SendTaskHeartbeat</c>:
/// <c>TaskTimedOut</c> (the task's timeout or heartbeat interval passed), <c>TaskDoesNotExist</c> (the execution or
/// task is gone) or <c>InvalidToken</c> (the token is malformed, or not of this account and region). None of these gets
/// better by retrying: the callback came too late or went to the wrong place. <see cref="AwsServiceException.ErrorCode"/>
/// says which.
/// </summary>
public sealed class TaskTokenRejectedException : AwsServiceException
{
    /// <summary>Wraps the service error the pipeline raised.</summary>
    /// <param name="error">The error, whose code is <c>TaskTimedOut</c>, <c>TaskDoesNotExist</c> or <c>InvalidToken</c>.</param>
    public TaskTokenRejectedException(AwsServiceException error)
        : base(
            (error ?? throw new ArgumentNullException(nameof(error))).Service,
            error.Operation,
            error.StatusCode,
            error.ErrorCode,
            error.ErrorMessage,
            error.RequestId)
    {
        Fault = error.Fault;
        RetryAfter = error.RetryAfter;
        Attempts = error.Attempts;
    }

    /// <summary>True for <c>TaskTimedOut</c>: the task existed but its time was up.</summary>
    public bool TimedOut => ErrorCode == StepFunctionsClient.TaskTimedOut;
}
