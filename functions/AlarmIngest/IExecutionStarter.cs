using EksOps.Aws.StepFunctions;

namespace EksOps.AlarmIngest;

/// <summary>
/// Starts the incident state machine. In AWS <see cref="StepFunctionsExecutionStarter"/> (Step Functions
/// <c>StartExecution</c>); locally whatever runs the state machine (the local executor, a test double).
/// </summary>
public interface IExecutionStarter
{
    /// <summary>
    /// Starts an execution idempotently by name: the same name and input again returns the same execution, and a taken
    /// name answers <see cref="StartExecutionResult.AlreadyExists"/> rather than throwing.
    /// </summary>
    /// <param name="request">The state machine, execution name, input and trace header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The execution started, or the one that already had the name.</returns>
    /// <exception cref="Aws.AwsThrottlingException">Step Functions throttled the call on every attempt.</exception>
    Task<StartExecutionResult> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken);
}
