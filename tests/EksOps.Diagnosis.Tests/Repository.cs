namespace EksOps.Diagnosis.Tests;

/// <summary>Paths in the repository, found from the test binary's folder.</summary>
internal static class Repository
{
    public static string Root => RepositoryPaths.Root;

    public static string PublicScenarios => RepositoryPaths.Scenarios;

    public static string HeldOutScenarios => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>The blind held-out corpus (written without reading the engine), kept as regression scenarios.</summary>
    public static string BlindScenarios => Path.Combine(Root, "tests", "EksOps.Eval.HeldOut", "scenarios");

    public static TheoryData<string> PublicScenarioIds() => Ids(PublicScenarios);

    public static TheoryData<string> BlindScenarioIds() => Ids(BlindScenarios);

    public static TheoryData<string> HeldOutScenarioIds() => Ids(HeldOutScenarios);

    private static TheoryData<string> Ids(string root) =>
        [.. RepositoryPaths.ScenarioDirectories(root).Select(Path.GetFileName).OfType<string>()];
}
