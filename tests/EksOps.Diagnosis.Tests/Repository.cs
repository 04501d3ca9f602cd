namespace EksOps.Diagnosis.Tests;

/// <summary>Paths in the repository, found from the test binary's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PublicScenarios => Path.Combine(Root, "scenarios");

    public static string HeldOutScenarios => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    public static TheoryData<string> PublicScenarioIds() => Ids(PublicScenarios);

    public static TheoryData<string> HeldOutScenarioIds() => Ids(HeldOutScenarios);

    private static TheoryData<string> Ids(string root) =>
        [.. Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, "scenario.yaml"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with Functions.sln) was not found above " + AppContext.BaseDirectory);
    }
}
