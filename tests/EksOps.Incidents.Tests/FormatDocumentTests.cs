using System.Text.RegularExpressions;

namespace EksOps.Incidents.Tests;

/// <summary>
/// Keeps the code in step with the scenario format's own document (FORMAT.md), the public interface: the ids and
/// texts of the taxonomy and the catalogue must be the document's, row for row and in its order.
/// </summary>
public sealed partial class FormatDocumentTests
{
    [Fact]
    public void The_taxonomy_is_the_one_in_the_format_document()
    {
        var rows = TableRows(Section("Root-cause taxonomy"));

        Assert.Equal(rows.Select(r => r.Id), RootCauses.Ids);
        Assert.Equal(rows.Select(r => r.Text), RootCauses.All.Select(c => c.Description()));
    }

    [Fact]
    public void The_runbook_catalogue_is_the_one_in_the_format_document()
    {
        var rows = TableRows(Section("Runbook catalogue"));

        Assert.Equal(rows.Select(r => r.Id), Runbooks.Ids);
        Assert.Equal(rows.Select(r => r.Text), Runbooks.All.Select(r => r.Action()));
    }

    [Fact]
    public void The_environments_are_the_ones_in_the_format_document()
    {
        var rows = TableRows(Section("Default policy"));

        Assert.Equal(rows.Select(r => r.Id), ClusterEnvironments.Ids);
    }

    private static string Section(string heading)
    {
        string text = File.ReadAllText(FormatDocument()).ReplaceLineEndings("\n");
        int start = text.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "FORMAT.md has no section '## " + heading + "'");
        int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static List<(string Id, string Text)> TableRows(string section) =>
        [.. Row().Matches(section).Select(m => (m.Groups["id"].Value, m.Groups["text"].Value.Trim()))];

    /// <summary>The scenario format as the repository publishes it: <c>scenarios/FORMAT.md</c>.</summary>
    private static string FormatDocument()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var path = Path.Combine(dir.FullName, "scenarios", "FORMAT.md");
        Assert.True(File.Exists(path), "FORMAT.md not found at " + path);
        return path;
    }

    [GeneratedRegex(@"^\| `(?<id>[a-z0-9-]+)` \|(?<text>[^|\n]+)\|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
