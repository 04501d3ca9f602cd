namespace EksOps.Scenarios.Internal;

/// <summary>What a YAML scalar resolves to (see <see cref="YamlScalars"/>).</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,

    /// <summary><c>.inf</c>, <c>-.inf</c>, <c>.nan</c>: a float JSON cannot represent.</summary>
    NonFinite,
    String,
}
