namespace EksOps.Scenarios.Tests;

/// <summary>The repository's own scenario corpus (<c>scenarios/</c> beside <c>Functions.sln</c>) must always load.</summary>
public sealed class RepositoryScenarioTests
{
    [Fact]
    public void Every_scenario_in_the_repository_loads()
    {
        string scenariosRoot = Path.Combine(RepositoryRoot(), "scenarios");
        Assert.True(Directory.Exists(scenariosRoot), "the repository has no scenarios/ folder at " + scenariosRoot);
        string[] folders = [.. Directory.EnumerateDirectories(scenariosRoot)
            .Where(d => File.Exists(Path.Combine(d, ScenarioLoader.ScenarioFileName)))
            .Order(StringComparer.Ordinal)];

        // Throws a ScenarioException listing every problem of every scenario if any is invalid.
        var scenarios = ScenarioLoader.LoadAll(scenariosRoot);

        Assert.Equal(folders, scenarios.Select(s => s.Directory));
        Assert.All(scenarios, s =>
        {
            Assert.Matches("^[a-z0-9-]+$", s.Id);
            Assert.NotEmpty(s.Title);
            Assert.Equal(s.Now.UtcDateTime, s.Now.DateTime);
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "no folder above " + AppContext.BaseDirectory + " contains Functions.sln");
        return directory.FullName;
    }
}
