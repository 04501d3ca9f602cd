namespace EksOps.Scenarios.Tests;

public sealed class LoadAllTests
{
    [Fact]
    public void Every_subfolder_with_a_scenario_yaml_loads_in_folder_name_order()
    {
        using var root = TempScenario.CopyOf("oom-checkout", "b-oom");
        CopyFixture("inline-forms", Path.Combine(root.Root, "a-inline"));
        CopyFixture("oom-checkout", Path.Combine(root.Root, "c-oom"));
        Directory.CreateDirectory(Path.Combine(root.Root, "not-a-scenario"));
        File.WriteAllText(Path.Combine(root.Root, "README.md"), "# scenarios\n");

        var scenarios = ScenarioLoader.LoadAll(root.Root);

        Assert.Equal(["payments-db-refused", "b-oom", "c-oom"], scenarios.Select(s => s.Id));
        Assert.Equal(Path.Combine(root.Root, "a-inline"), scenarios[0].Directory);
    }

    [Fact]
    public void A_root_without_scenarios_loads_as_empty()
    {
        using var root = TempScenario.Empty("nothing-here");

        Assert.Empty(ScenarioLoader.LoadAll(root.Root));
    }

    [Fact]
    public void The_errors_of_every_scenario_are_reported_together_relative_to_the_root()
    {
        using var root = TempScenario.CopyOf("oom-checkout", "first").Edit("scenario.yaml", "environment: production", "environment: prod");
        CopyFixture("oom-checkout", Path.Combine(root.Root, "second"));
        File.Delete(Path.Combine(root.Root, "second", "alarm.json"));
        CopyFixture("inline-forms", Path.Combine(root.Root, "third"));

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(root.Root));

        Assert.Equal(Path.GetFullPath(root.Root), ex.Directory);
        Assert.Equal(["first/scenario.yaml: $.cluster.environment", "second/scenario.yaml: $.alarm"], ex.Errors.Select(e => e.File + ": " + e.Path));
        Assert.Contains("  first/scenario.yaml: $.cluster.environment (line 7, column 16): expected one of production, staging, development but found \"prod\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_scenarios_may_not_share_an_id()
    {
        using var root = TempScenario.CopyOf("inline-forms", "one");
        CopyFixture("inline-forms", Path.Combine(root.Root, "two"));

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadAll(root.Root));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("two/scenario.yaml: $.id: expected a scenario id no other scenario uses but found \"payments-db-refused\", the id of one/", error.ToString());
    }

    [Fact]
    public void A_root_that_does_not_exist_is_not_a_scenario_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ScenarioLoader.LoadAll(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }

    private static void CopyFixture(string fixture, string target)
    {
        string source = TempScenario.FixturePath(fixture);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
