using EksOps.Scenarios.Internal;

namespace EksOps.Scenarios;

/// <summary>
/// Loads incident scenarios (the format of <c>scenarios/FORMAT.md</c>) and validates them strictly: unknown keys,
/// bad ids, missing or escaping files, malformed alarms and objects are all errors, reported together in one
/// <see cref="ScenarioException"/> with the file, the path inside it, the line and column, and what was expected.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The file every scenario folder has: <c>scenario.yaml</c>.</summary>
    public const string ScenarioFileName = ScenarioReader.ScenarioFile;

    /// <summary>Loads the scenario in one folder.</summary>
    /// <param name="directory">The scenario folder, which holds <c>scenario.yaml</c>.</param>
    /// <returns>The scenario, fully validated.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ScenarioException">The scenario is invalid (including a missing <c>scenario.yaml</c>); <see cref="ScenarioException.Errors"/> lists every problem.</exception>
    public static Scenario Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException("The scenario folder " + full + " does not exist.");
        }

        return ScenarioReader.Read(full);
    }

    /// <summary>
    /// Loads every scenario under a root: each immediate subfolder that holds a <c>scenario.yaml</c> (other folders
    /// are ignored), in ordinal order of folder name. Scenario ids must be unique.
    /// </summary>
    /// <param name="scenariosRoot">The folder that holds one subfolder per scenario, such as the repository's <c>scenarios/</c>.</param>
    /// <returns>The scenarios, in folder-name order; empty if there are none.</returns>
    /// <exception cref="ArgumentException"><paramref name="scenariosRoot"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    /// <exception cref="ScenarioException">
    /// Any scenario is invalid, or two share an id. The errors of all scenarios are reported together; their
    /// <see cref="ScenarioError.File"/>s are relative to the root (<c>oom-checkout/scenario.yaml</c>).
    /// </exception>
    public static IReadOnlyList<Scenario> LoadAll(string scenariosRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(scenariosRoot);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(scenariosRoot));
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("The scenarios folder " + root + " does not exist.");
        }

        var scenarios = new List<Scenario>();
        var errors = new List<ScenarioError>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(folder, ScenarioFileName)))
            {
                continue;
            }

            string name = Path.GetFileName(folder);
            try
            {
                var scenario = ScenarioReader.Read(folder);
                if (ids.TryGetValue(scenario.Id, out string? other))
                {
                    errors.Add(new ScenarioError(name + "/" + ScenarioFileName, "$.id", null, null,
                        "expected a scenario id no other scenario uses but found " + Texts.Quote(scenario.Id) + ", the id of " + other + "/"));
                    continue;
                }

                ids[scenario.Id] = name;
                scenarios.Add(scenario);
            }
            catch (ScenarioException ex)
            {
                errors.AddRange(ex.Errors.Select(e => new ScenarioError(name + "/" + e.File, e.Path, e.Line, e.Column, e.Problem)));
            }
        }

        return errors.Count > 0 ? throw new ScenarioException(root, errors) : scenarios.AsReadOnly();
    }
}
