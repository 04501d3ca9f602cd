using EksOps.Aws.StepFunctions;

namespace EksOps.AlarmIngest;

/// <summary>Starts executions with Step Functions <c>StartExecution</c> (IAM: <c>states:StartExecution</c> on the state machine).</summary>
/// <param name="client">The Step Functions client.</param>
public sealed class StepFunctionsExecutionStarter(StepFunctionsClient client) : IExecutionStarter
{
    private readonly StepFunctionsClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public Task<StartExecutionResult> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken) =>
        _client.StartExecutionAsync(request, cancellationToken);
}
