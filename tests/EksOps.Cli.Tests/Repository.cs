namespace EksOps.Cli.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root => RepositoryPaths.Root;

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static IEnumerable<string> ScenarioDirectories() => RepositoryPaths.ScenarioDirectories();

    public static TheoryData<string> ScenarioIds() => [.. ScenarioDirectories().Select(directory => Path.GetFileName(directory))];
}
