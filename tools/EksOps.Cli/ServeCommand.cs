using System.CommandLine;
using EksOps.Scenarios;
using EksOps.Simulation;

namespace EksOps.Cli;

/// <summary>
/// <c>eksops serve &lt;scenario-dir&gt;</c>: serves a scenario's cluster over the Kubernetes API (TLS, test CA, bearer
/// token) until Ctrl-C, and prints how to reach it, so kubectl and any Kubernetes client can explore the incident.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Argument<DirectoryInfo>("scenario-dir") { Description = "A scenario folder (holding scenario.yaml)." };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig")
        {
            Description = "Where to write the kubeconfig; default a file in a fresh temporary folder.",
        };
        var command = new Command("serve", "Serve a scenario's simulated cluster until Ctrl-C.") { scenario, kubeconfig };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Scenario loaded;
            try
            {
                loaded = ScenarioLoader.Load(parse.GetRequiredValue(scenario).FullName);
            }
            catch (Exception exception) when (exception is ScenarioException or DirectoryNotFoundException)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            var kubeconfigPath = parse.GetValue(kubeconfig)?.FullName
                ?? Path.Combine(Directory.CreateTempSubdirectory("eksops-").FullName, "kubeconfig");
            await using var environment = await ScenarioEnvironment.StartAsync(loaded, kubeconfigPath, cancellationToken).ConfigureAwait(false);
            return await ServeUntilStopped.RunAsync(output, environment.Describe(), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
