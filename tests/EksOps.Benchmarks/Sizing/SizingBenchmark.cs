using System.Globalization;
using EksOps.Incidents;
using EksOps.Scenarios;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// <c>sizing</c> mode: what each Lambda function needs — peak resident memory, init duration, and per-invocation
/// duration by step or tool — measured on every function's executable as a separate warm process driven through the
/// real incident flow and realistic tool calls over the scenario corpus (see <see cref="SizingRun"/>). It measures and
/// prints; it asserts nothing. The exit code is 1 when an invocation failed or an execution did not succeed.
/// </summary>
internal static class SizingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        SizingOptions options;
        IReadOnlyList<Scenario> scenarios;
        try
        {
            options = SizingOptions.Parse(args);
            scenarios = [.. ScenarioLoader.LoadAll(options.ScenariosRoot).Where(s => options.Only.Count == 0 || options.Only.Contains(s.Id))];
            if (scenarios.Count == 0)
            {
                throw new ArgumentException($"no scenarios to run in {options.ScenariosRoot}{(options.Only.Count > 0 ? " matching --only " + string.Join(',', options.Only) : string.Empty)}");
            }
        }
        catch (Exception exception) when (exception is ArgumentException or ScenarioException)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        var deployments = scenarios.GroupBy(s => s.Cluster.Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Console.WriteLine($"sizing: {scenarios.Count} scenarios in {deployments.Count} deployments (one per cluster), {options.Build} builds; machine: {SizingReport.Machine}");
        var outcomes = new List<ScenarioOutcome>();
        var functions = new List<FunctionProcess>();
        var tools = new List<ToolOutcome>();
        var storeReads = new List<double>();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // Every deployment is started first (one process at a time, so no init competes with another) and stays up, so a
        // scenario comes round again only after the whole corpus: each pass is another minute, hence another incident.
        var runs = new List<(SizingRun Run, List<Scenario> Scenarios)>();
        try
        {
            foreach (var deployment in deployments)
            {
                var cluster = deployment.First().Cluster;
                Console.WriteLine($"deployment for {cluster.Name} ({cluster.Environment.Id()}, {cluster.Region}, account {cluster.AccountId}): {deployment.Count()} scenarios");
                runs.Add((await SizingRun.StartAsync(options, cluster, Console.WriteLine), [.. deployment]));
            }

            for (int round = 1; round <= options.Rounds; round++)
            {
                if (options.Rounds > 1)
                {
                    Console.WriteLine($"round {round} of {options.Rounds}");
                }

                foreach (var (run, deploymentScenarios) in runs)
                {
                    foreach (var scenario in deploymentScenarios)
                    {
                        ScenarioOutcome outcome;
                        try
                        {
                            outcome = await run.RunScenarioAsync(scenario, round, stop.Token);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            // One broken scenario must not hide the measurements of the others; it is reported as a failure.
                            outcome = new ScenarioOutcome { Scenario = scenario.Id, Round = round, Execution = "error", Path = [], Failure = exception.GetType().Name + ": " + exception.Message };
                        }

                        outcomes.Add(outcome);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {scenario.Id,-40} {outcome.Execution,-10} {outcome.FlowSeconds,6:0.0} s  {outcome.RootCause ?? "-",-26} {(outcome.MatchesInProcess is false ? "differs from the in-process replay " : string.Empty)}{outcome.Failure}"));
                    }
                }
            }

            foreach (var (run, _) in runs)
            {
                storeReads.AddRange(await run.ProbeStoreAsync(50, stop.Token));
                foreach (var function in run.Functions.Where(f => !f.IsRunning))
                {
                    Console.WriteLine($"  {function.Spec.Project} ({run.Cluster.Name}) exited during the run:\n    {string.Join("\n    ", function.LastOutput(10))}");
                }

                functions.AddRange(run.Functions);
                tools.AddRange(run.Tools);
            }
        }
        finally
        {
            foreach (var (run, _) in runs)
            {
                await run.DisposeAsync();
            }
        }

        var report = new SizingReport(options, functions, outcomes, tools, storeReads);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        if (options.JsonPath is not null)
        {
            await report.WriteJsonAsync(options.JsonPath);
            Console.WriteLine($"JSON: {options.JsonPath}");
        }

        return report.Failures == 0 ? 0 : 1;
    }
}
