using System.Diagnostics.CodeAnalysis;

namespace EksOps.Incidents;

/// <summary>Conversion between <see cref="ClusterEnvironment"/> and its id (<c>production</c>, <c>staging</c>, <c>development</c>).</summary>
public static class ClusterEnvironments
{
    private static readonly string[] IdTable = ["production", "staging", "development"];

    /// <summary>Every environment: production, staging, development.</summary>
    public static IReadOnlyList<ClusterEnvironment> All { get; } =
        Array.AsReadOnly([ClusterEnvironment.Production, ClusterEnvironment.Staging, ClusterEnvironment.Development]);

    /// <summary>Every environment id: <c>production</c>, <c>staging</c>, <c>development</c>.</summary>
    public static IReadOnlyList<string> Ids { get; } = Array.AsReadOnly(IdTable);

    /// <summary>The lowercase id of an environment, for example <c>production</c>.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="environment"/> is not a defined value.</exception>
    public static string Id(this ClusterEnvironment environment)
    {
        int index = (int)environment;
        return index >= 0 && index < IdTable.Length
            ? IdTable[index]
            : throw new ArgumentOutOfRangeException(nameof(environment), environment, "not a defined cluster environment");
    }

    /// <summary>Reads an environment id. The match is exact and case-sensitive: <c>production</c>, not <c>Production</c> or <c>prod</c>.</summary>
    /// <param name="id">The id, or <see langword="null"/>.</param>
    /// <param name="environment">The environment when the id is known; otherwise <see cref="ClusterEnvironment.Production"/>.</param>
    /// <returns>Whether <paramref name="id"/> is one of <see cref="Ids"/>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? id, out ClusterEnvironment environment)
    {
        for (int i = 0; i < IdTable.Length; i++)
        {
            if (string.Equals(IdTable[i], id, StringComparison.Ordinal))
            {
                environment = (ClusterEnvironment)i;
                return true;
            }
        }

        environment = ClusterEnvironment.Production;
        return false;
    }

    /// <summary>Reads an environment id (see <see cref="TryParse(string?, out ClusterEnvironment)"/>).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The environment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="id"/> is not an environment id; the message lists the valid ones.</exception>
    public static ClusterEnvironment Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(id, out var environment)
            ? environment
            : throw new FormatException("expected an environment (" + string.Join(", ", IdTable) + ") but found \"" + id + "\"");
    }
}
