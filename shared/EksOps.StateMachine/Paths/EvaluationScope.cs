using System.Text.Json.Nodes;
using EksOps.StateMachine.Execution;

namespace EksOps.StateMachine.Paths;

/// <summary>What paths, payload templates and intrinsic functions read: the data (<c>$</c>), the Context Object (<c>$$</c>) and the random source.</summary>
/// <param name="Input">The data <c>$</c> paths read (the effective input, or the task result for <c>ResultSelector</c>).</param>
/// <param name="Context">The Context Object <c>$$</c> paths read.</param>
/// <param name="Random">Randomness for <c>States.MathRandom</c>.</param>
internal sealed record EvaluationScope(JsonNode? Input, JsonNode? Context, RandomSource Random)
{
    /// <summary>Selects a path against the data or the Context Object.</summary>
    /// <param name="path">The path.</param>
    /// <param name="value">The selected value (a copy).</param>
    /// <returns>False when a definite path matches nothing.</returns>
    public bool TrySelect(JsonPath path, out JsonNode? value) => path.TrySelect(path.IsContext ? Context : Input, out value);

    /// <summary>The document a path reads, for error messages.</summary>
    public JsonNode? Source(JsonPath path) => path.IsContext ? Context : Input;
}
