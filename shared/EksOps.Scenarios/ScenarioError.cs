using System.Globalization;

namespace EksOps.Scenarios;

/// <summary>
/// One problem in a scenario: which file, where in it, and what was expected versus found. Its
/// <see cref="ToString"/> is the one-line form used in <see cref="ScenarioException"/> messages, for example
/// <c>scenario.yaml: $.expect.remediation.allowed[1] (line 27, column 30): expected a runbook id (restart-rollout, …) but found "reboot"</c>.
/// </summary>
public sealed class ScenarioError
{
    /// <summary>Creates an error.</summary>
    /// <param name="file">The file, relative to the scenario folder, with <c>/</c> separators.</param>
    /// <param name="path">The location inside the file.</param>
    /// <param name="line">The 1-based line, if known.</param>
    /// <param name="column">The 1-based column, if known.</param>
    /// <param name="problem">What was expected and what was found.</param>
    public ScenarioError(string file, string path, int? line, int? column, string problem)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problem);
        File = file;
        Path = path;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>
    /// The file the problem is in, relative to the folder being loaded, with <c>/</c> separators:
    /// <c>scenario.yaml</c>, <c>objects.yaml</c>, <c>logs/app.log</c>; for <see cref="ScenarioLoader.LoadAll(string)"/>
    /// prefixed with the scenario's folder name (<c>oom-checkout/scenario.yaml</c>).
    /// </summary>
    public string File { get; }

    /// <summary>
    /// Where in the file: a JSONPath-like location such as <c>$.expect.remediation.allowed[1]</c> or
    /// <c>$.metadata.labels['app.kubernetes.io/name']</c>; in a multi-document YAML file prefixed with the document,
    /// <c>document 3 ($[2]).metadata.name</c>; <c>$</c> for the whole file.
    /// </summary>
    public string Path { get; }

    /// <summary>The 1-based line of the offending value (or of the mapping that lacks a key); <see langword="null"/> when unknown.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column that goes with <see cref="Line"/>.</summary>
    public int? Column { get; }

    /// <summary>What was expected and what was found, for example <c>expected a non-empty string but the key is missing</c>.</summary>
    public string Problem { get; }

    /// <summary>The error as one line: <c>file: path (line L, column C): problem</c> (the position only when known).</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString()
    {
        string position = Line is int line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line}, column {Column ?? 1})")
            : string.Empty;
        return File + ": " + Path + position + ": " + Problem;
    }
}
