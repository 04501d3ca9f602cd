namespace EksOps.Mcp.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root => RepositoryPaths.Root;

    public static string Scenarios => Path.Combine(Root, "scenarios");

    public static string TypeScriptClient => Path.Combine(Root, "tests", "EksOps.Mcp.Tests", "ts-client");
}
