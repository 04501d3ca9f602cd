namespace EksOps.Testing.Scenarios;

/// <summary>Paths in the repository the tests run from (found by walking up to <c>Functions.sln</c>).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The public scenario corpus.</summary>
    public static string Scenarios => Path.Combine(Root, "scenarios");

    /// <summary>The scenario folders (those with a <c>scenario.yaml</c>) directly under <paramref name="folder"/>, in ordinal order.</summary>
    /// <param name="folder">A corpus folder; the public corpus by default.</param>
    /// <returns>The folders' full paths.</returns>
    public static IEnumerable<string> ScenarioDirectories(string? folder = null) =>
        Directory.GetDirectories(folder ?? Scenarios)
            .Where(directory => File.Exists(Path.Combine(directory, "scenario.yaml")))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the tests do not run inside the repository");
    }
}
