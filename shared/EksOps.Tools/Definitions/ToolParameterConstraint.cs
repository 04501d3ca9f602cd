namespace EksOps.Tools;

/// <summary>
/// A rule across parameters that JSON Schema would express with <c>oneOf</c>, which some faces reject: at most one, or
/// exactly one, of a group may be given. Checked with the argument validation; described to the model in the tool text.
/// </summary>
/// <param name="Parameters">The parameter names of the group (at least two).</param>
/// <param name="ExactlyOne"><see langword="true"/>: exactly one must be given; <see langword="false"/>: at most one.</param>
public sealed record ToolParameterConstraint(IReadOnlyList<string> Parameters, bool ExactlyOne)
{
    /// <summary>At most one of the parameters may be given.</summary>
    /// <param name="parameters">The parameter names.</param>
    /// <returns>The constraint.</returns>
    public static ToolParameterConstraint AtMostOne(params string[] parameters) => new(Array.AsReadOnly(parameters), ExactlyOne: false);

    /// <summary>Exactly one of the parameters must be given.</summary>
    /// <param name="parameters">The parameter names.</param>
    /// <returns>The constraint.</returns>
    public static ToolParameterConstraint OneOf(params string[] parameters) => new(Array.AsReadOnly(parameters), ExactlyOne: true);
}
