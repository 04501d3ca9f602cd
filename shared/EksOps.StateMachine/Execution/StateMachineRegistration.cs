using EksOps.StateMachine.Definition;

namespace EksOps.StateMachine.Execution;

/// <summary>A state machine created on a <see cref="LocalStepFunctions"/>.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Arn">Its ARN.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="RoleArn">Its execution role.</param>
internal sealed record StateMachineRegistration(string Name, string Arn, StateMachineDefinition Definition, string RoleArn);
