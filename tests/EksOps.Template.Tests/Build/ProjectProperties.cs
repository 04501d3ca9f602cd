using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace EksOps.Template.Tests.Build;

/// <summary>
/// MSBuild properties of a function project as a Release publish evaluates them (<c>dotnet msbuild -getProperty</c>:
/// evaluation only, about a second), so settings inherited from functions/Directory.Build.props count too.
/// </summary>
internal static class ProjectProperties
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonObject>> Evaluated = new(StringComparer.Ordinal);

    /// <summary>The evaluated properties PublishAot, AssemblyName and OutputType of <paramref name="project"/> (relative to the root).</summary>
    public static JsonObject Of(string project) => Evaluated.GetOrAdd(project, p => new Lazy<JsonObject>(() => Evaluate(p))).Value;

    private static JsonObject Evaluate(string project)
    {
        // Variables an outer dotnet test sets for its own MSBuild would point this evaluation at the wrong SDK pieces.
        var result = ProcessRunner.Run(
            ExternalTools.Dotnet(),
            ["msbuild", project, "-nologo", "-p:Configuration=Release", "-getProperty:PublishAot", "-getProperty:AssemblyName", "-getProperty:OutputType"],
            "MSBuild", "MSBUILD");
        Assert.True(result.ExitCode == 0, $"dotnet msbuild {project} -getProperty failed: {result.Describe()}");
        return JsonNode.Parse(result.StandardOutput)?["Properties"] as JsonObject
            ?? throw new Xunit.Sdk.XunitException($"dotnet msbuild {project} -getProperty printed no properties: {result.StandardOutput}");
    }
}
