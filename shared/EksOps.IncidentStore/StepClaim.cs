using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>The answer of <see cref="IIncidentStore.ClaimAsync"/>.</summary>
/// <param name="State">Whether the caller owns the step now, or someone completed or holds it.</param>
/// <param name="Result">The stored result when <see cref="StepClaimState.Completed"/>.</param>
public sealed record StepClaim(StepClaimState State, JsonObject? Result = null);
