using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// The <c>MemorySize</c> and <c>Timeout</c> template.yaml gives each function today, read from the text (a literal
/// number under the <c>&lt;Project&gt;Function:</c> resource, or under <c>Globals: Function:</c>), so the report can
/// set them next to what was measured. A value given another way (a <c>!Ref</c>) is reported as unknown.
/// </summary>
internal static partial class TemplateSizes
{
    /// <summary>Reads the sizes of <paramref name="projects"/>; an empty map when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, (int? MemoryMB, int? TimeoutSeconds)> Read(string templatePath, IEnumerable<string> projects)
    {
        var sizes = new Dictionary<string, (int?, int?)>(StringComparer.Ordinal);
        if (!File.Exists(templatePath))
        {
            return sizes;
        }

        var lines = File.ReadAllLines(templatePath);
        var globals = Block(lines, "Globals", 0) is { } g ? Block(lines[g.Start..g.End], "Function", 2) is { } f ? lines[g.Start..g.End][f.Start..f.End] : [] : [];
        foreach (var project in projects)
        {
            var own = Block(lines, project + "Function", 2) is { } block ? lines[block.Start..block.End] : [];
            sizes[project] = (Number(own, "MemorySize") ?? Number(globals, "MemorySize"), Number(own, "Timeout") ?? Number(globals, "Timeout"));
        }

        return sizes;
    }

    /// <summary>The lines under <c>name:</c> at <paramref name="indent"/>, up to the next key at that indent or less.</summary>
    private static (int Start, int End)? Block(string[] lines, string name, int indent)
    {
        string header = new string(' ', indent) + name + ":";
        int start = Array.FindIndex(lines, l => l.TrimEnd() == header);
        if (start < 0)
        {
            return null;
        }

        int end = start + 1;
        while (end < lines.Length && (lines[end].Trim().Length == 0 || lines[end].TrimStart().StartsWith('#') || Indent(lines[end]) > indent))
        {
            end++;
        }

        return (start + 1, end);
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static int? Number(string[] lines, string key)
    {
        foreach (var line in lines)
        {
            var match = KeyValue().Match(line);
            if (match.Success && match.Groups["key"].Value == key)
            {
                return int.TryParse(match.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s+(?<key>[A-Za-z]+):\s*(?<value>\S+)\s*(#.*)?$")]
    private static partial Regex KeyValue();
}
