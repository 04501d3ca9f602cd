using System.CommandLine;
using System.Diagnostics;
using EksOps.Scenarios;

namespace EksOps.Cli;

/// <summary>
/// <c>eksops eval &lt;dir&gt; [--json]</c>: serves every scenario of a folder, runs the deterministic diagnosis through
/// the tool registry and grades it against the scenario's <c>expect:</c> (root cause, subject, proposal allowed and
/// not forbidden, approval). Exits 0 whatever the grades; 2 when the scenarios cannot be loaded.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "A folder of scenario folders (each holding scenario.yaml), such as scenarios/." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (results and summary) instead of the table." };
        var details = new Option<bool>("--details") { Description = "After the table, print each diagnosis' summary, findings and evidence reads." };
        var command = new Command("eval", "Diagnose every scenario in a folder and grade the answers against their expect: blocks.") { directory, json, details };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<Scenario> scenarios;
            try
            {
                scenarios = ScenarioLoader.LoadAll(parse.GetRequiredValue(directory).FullName);
            }
            catch (Exception exception) when (exception is ScenarioException or DirectoryNotFoundException)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            var started = Stopwatch.GetTimestamp();
            // Each scenario has its own servers; most of a diagnosis waits on them, so a few run side by side.
            var evaluations = new ScenarioEvaluation[scenarios.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, scenarios.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancellationToken },
                async (index, token) => evaluations[index] = await ScenarioEvaluator.EvaluateAsync(scenarios[index], budget: null, token).ConfigureAwait(false)).ConfigureAwait(false);
            var results = evaluations.ToList();

            var report = parse.GetValue(json) ? EvaluationReport.Json(results) : EvaluationReport.Table(results, Stopwatch.GetElapsedTime(started));
            if (!parse.GetValue(json) && parse.GetValue(details))
            {
                report += EvaluationReport.Details(results);
            }

            await output.WriteLineAsync(report).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
