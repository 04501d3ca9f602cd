namespace EksOps.Template.Tests.Support;

/// <summary>
/// The tools outside .NET these tests drive (python3 with cfn-lint and samtranslator, make). As in the other test
/// projects, a missing tool skips the test with the reason on a workstation and fails it under <c>CI=true</c>.
/// </summary>
internal static class ExternalTools
{
    /// <summary>Whether this run is CI's, where every tool must be present.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of an executable on PATH, or <see langword="null"/>.</summary>
    public static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    /// <summary>The path of <paramref name="command"/>, or the calling test is skipped (failed in CI) with <paramref name="purpose"/>.</summary>
    public static string Require(string command, string purpose) =>
        FindOnPath(command) ?? Unavailable<string>($"{command} was not found on PATH; {purpose}");

    /// <summary>Skips the calling test with <paramref name="reason"/>, or fails it under CI.</summary>
    public static void Unavailable(string reason)
    {
        if (InCi)
        {
            Assert.Fail("CI=true, so the template tests must run: " + reason);
        }

        Assert.Skip(reason);
    }

    /// <summary>The <c>dotnet</c> host: the one running the tests when it is <c>dotnet</c>, else the SDK's, else from PATH.</summary>
    public static string Dotnet()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }

    private static T Unavailable<T>(string reason)
    {
        Unavailable(reason);
        throw new InvalidOperationException("unreachable: Assert.Skip and Assert.Fail throw");
    }
}
