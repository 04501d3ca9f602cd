using System.Text.RegularExpressions;

namespace EksOps.Template.Tests.Build;

/// <summary>
/// What <c>make -n build-&lt;LogicalId&gt; ARTIFACTS_DIR=… ARCH=…</c> prints: the commands <c>sam build</c> would run,
/// without running them (recipe lines continued with a backslash are joined).
/// </summary>
/// <param name="Result">The make run.</param>
/// <param name="ArtifactsDirectory">The ARTIFACTS_DIR it was given.</param>
internal sealed partial record MakeDryRun(ProcessResult Result, string ArtifactsDirectory)
{
    /// <summary>The printed commands, one per recipe line.</summary>
    public IReadOnlyList<string> Commands => [.. ContinuedLine().Replace(Result.StandardOutput, " ").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Runs make for <paramref name="target"/> with <paramref name="arch"/>.</summary>
    public static MakeDryRun Run(string make, string target, string arch)
    {
        string artifacts = Path.Combine(Path.GetTempPath(), $"eksops-template-tests-{Guid.NewGuid():N}", target);
        // MAKEFLAGS from an outer make (CI may run the tests under one) would change what -n prints.
        var result = ProcessRunner.Run(make, ["-n", "--no-print-directory", target, $"ARTIFACTS_DIR={artifacts}", $"ARCH={arch}"], "MAKEFLAGS", "MFLAGS", "MAKELEVEL");
        return new MakeDryRun(result, artifacts);
    }

    /// <summary>The <c>dotnet publish</c> commands: the project each names and its runtime identifier (<c>-r</c>).</summary>
    public IEnumerable<(string Project, string? RuntimeIdentifier)> Publishes() =>
        Commands.Select(c => Publish().Match(c)).Where(m => m.Success).Select(m =>
        {
            var rid = RuntimeIdentifierOption().Match(m.Value);
            return (m.Groups["project"].Value, rid.Success ? rid.Groups["rid"].Value : null);
        });

    /// <summary>The files the commands copy to <c>$(ARTIFACTS_DIR)/bootstrap</c>.</summary>
    public IEnumerable<string> CopiedToBootstrap()
    {
        string bootstrap = Path.Combine(ArtifactsDirectory, "bootstrap");
        return Commands.Select(c => Copy().Match(c)).Where(m => m.Success && m.Groups["to"].Value == bootstrap).Select(m => m.Groups["from"].Value);
    }

    [GeneratedRegex(@"\\\r?\n\s*")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"\bdotnet\s+publish\s+(?<project>\S+\.csproj)\b.*$")]
    private static partial Regex Publish();

    [GeneratedRegex(@"\s(?:-r|--runtime)\s+(?<rid>\S+)")]
    private static partial Regex RuntimeIdentifierOption();

    [GeneratedRegex(@"^cp\s+(?:-\S+\s+)*(?<from>\S+)\s+(?<to>\S+)$")]
    private static partial Regex Copy();
}
