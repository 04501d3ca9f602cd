using System.Text.Json.Nodes;

namespace EksOps.IncidentStore;

/// <summary>The answer of <see cref="IIncidentStore.ClaimAsync"/>.</summary>
/// <param name="State">Whether the caller owns the step now, or someone completed or holds it.</param>
/// <param name="Result">The stored result when <see cref="StepClaimState.Completed"/>.</param>
public sealed record StepClaim(StepClaimState State, JsonObject? Result = null)
{
    /// <summary>
    /// When the step was first claimed (by this caller when <see cref="StepClaimState.Claimed"/>). A caller that finds a
    /// claim <see cref="StepClaimState.InProgress"/> long after this can tell that its holder most likely died.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; init; }
}
