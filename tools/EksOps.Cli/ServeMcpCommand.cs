using System.CommandLine;
using EksOps.Scenarios;
using EksOps.Tools;

namespace EksOps.Cli;

/// <summary>
/// <c>eksops serve-mcp [--scenario DIR | --kubeconfig FILE] [--port N]</c>: the McpServer function's handler behind a
/// local Function URL emulator at <c>http://127.0.0.1:N/mcp</c>, its tools reaching a served scenario or a kubeconfig's
/// cluster, until Ctrl-C.
/// </summary>
internal static class ServeMcpCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var scenario = new Option<DirectoryInfo?>("--scenario") { Description = "A scenario folder (holding scenario.yaml) to serve and point the tools at." };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "A kubeconfig whose current context the Kubernetes tools reach (no CloudWatch tools)." };
        var port = new Option<int>("--port")
        {
            Description = $"The loopback port (default {LocalMcpServerOptions.DefaultPort}).",
            DefaultValueFactory = _ => LocalMcpServerOptions.DefaultPort,
        };
        var allowOrigin = new Option<string[]>("--allow-origin")
        {
            Description = "A browser origin allowed to call (e.g. the MCP Inspector's http://localhost:6274); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve-mcp", "Serve the MCP server locally through a Function URL emulator until Ctrl-C.")
        {
            scenario, kubeconfig, port, allowOrigin,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var scenarioDirectory = parse.GetValue(scenario);
            var kubeconfigFile = parse.GetValue(kubeconfig);
            if (scenarioDirectory is null == kubeconfigFile is null)
            {
                await error.WriteLineAsync("serve-mcp needs exactly one of --scenario DIR and --kubeconfig FILE.").ConfigureAwait(false);
                return 2;
            }

            if (parse.GetValue(port) is < 0 or > 65535)
            {
                await error.WriteLineAsync("--port must be between 0 and 65535.").ConfigureAwait(false);
                return 2;
            }

            var options = new LocalMcpServerOptions
            {
                Port = parse.GetValue(port),
                AllowedOrigins = parse.GetValue(allowOrigin) ?? [],
                Log = error,
            };
            LocalMcpServer server;
            try
            {
                server = scenarioDirectory is not null
                    ? await LocalMcpServer.StartAsync(ScenarioLoader.Load(scenarioDirectory.FullName), options, cancellationToken).ConfigureAwait(false)
                    : await LocalMcpServer.StartAsync(kubeconfigFile!.FullName, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ScenarioException or ClusterRegistryException or IOException)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            await using (server.ConfigureAwait(false))
            {
                return await ServeUntilStopped.RunAsync(output, server.Describe(), cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }
}
