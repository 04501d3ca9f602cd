using System.Text;

namespace EksOps.Tools;

/// <summary>Compares the committed schema folder with what the definitions generate now (the drift check of tests and <c>eksops-schemagen --check</c>).</summary>
public static class SchemaDrift
{
    /// <summary>Every difference between <paramref name="directory"/> and the artifacts of <paramref name="definitions"/>.</summary>
    /// <param name="definitions">The tools.</param>
    /// <param name="directory">The committed folder.</param>
    /// <returns>One line per file: <c>changed: …</c>, <c>missing: …</c> or <c>stale: …</c>; empty when up to date.</returns>
    public static IReadOnlyList<string> Find(IReadOnlyList<ToolDefinition> definitions, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var expected = ToolArtifacts.Render(definitions);
        var lines = new List<string>();
        foreach (var file in expected)
        {
            string path = Path.Combine(directory, file.RelativePath);
            if (!File.Exists(path))
            {
                lines.Add("missing: " + file.RelativePath);
            }
            else if (!string.Equals(File.ReadAllText(path, Encoding.UTF8).ReplaceLineEndings("\n"), file.Content, StringComparison.Ordinal))
            {
                lines.Add("changed: " + file.RelativePath);
            }
        }

        lines.AddRange(Stale(expected, directory).Select(s => "stale: " + s));
        return lines;
    }

    /// <summary>Files in <paramref name="directory"/> that are not among <paramref name="artifacts"/> (left from a removed tool or group).</summary>
    /// <param name="artifacts">The generated files.</param>
    /// <param name="directory">The folder.</param>
    /// <returns>Their relative paths, with <c>/</c>.</returns>
    public static IReadOnlyList<string> Stale(IReadOnlyList<ToolArtifact> artifacts, string directory)
    {
        ArgumentNullException.ThrowIfNull(artifacts);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var known = artifacts.Select(a => a.RelativePath).ToHashSet(StringComparer.Ordinal);
        return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => !known.Contains(f))
            .Order(StringComparer.Ordinal)];
    }
}
