using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.IncidentFlow;
using EksOps.Local;
using EksOps.Scenarios;

namespace EksOps.Cli;

/// <summary>
/// <c>eksops replay &lt;scenario-dir&gt; [--approve auto|deny|ask] [--out report.md] [--json]</c>: serves the scenario,
/// feeds its alarm through AlarmIngest and runs <c>statemachine/incident.asl.json</c> locally over the flow's
/// functions, printing each state as it ends, then the incident report. Exits 0 when the flow finished (resolved,
/// monitoring or escalated), 1 when it could not run, 2 when the scenario is invalid.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error, TextReader input)
    {
        var directory = new Argument<DirectoryInfo>("scenario-dir") { Description = "A scenario folder (holding scenario.yaml), such as scenarios/checkout-restarts-prod." };
        var approve = new Option<string>("--approve") { Description = "Answer approval requests: auto (approve), deny, ask (on the terminal), or ignore (let them time out).", DefaultValueFactory = _ => "auto" };
        approve.AcceptOnlyFromAmong("auto", "deny", "ask", "ignore");
        var approvalTimeout = new Option<int>("--approval-timeout") { Description = "Seconds an approval request waits before the incident escalates.", DefaultValueFactory = _ => 300 };
        var verifyWait = new Option<int>("--verify-wait") { Description = "Seconds between applying a change and verifying it.", DefaultValueFactory = _ => 1 };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of standard output." };
        var json = new Option<bool>("--json") { Description = "The report as JSON (with the execution's path and the events) instead of Markdown." };
        var command = new Command("replay", "Replay a scenario's alarm through the whole incident flow, offline, and print the incident report.")
        {
            directory, approve, approvalTimeout, verifyWait, outFile, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.Load(parse.GetRequiredValue(directory).FullName);
            }
            catch (Exception exception) when (exception is ScenarioException or DirectoryNotFoundException or FileNotFoundException)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 2;
            }

            // Progress goes to stderr when the report goes to stdout, so `eksops replay … > report.md` keeps a clean file.
            var progressWriter = parse.GetValue(outFile) is null ? error : output;
            var progress = new ReplayProgress(progressWriter);
            var options = new LocalFlowOptions
            {
                Approve = parse.GetRequiredValue(approve) switch
                {
                    "deny" => ApprovalMode.Deny,
                    "ask" => ApprovalMode.Ask,
                    "ignore" => ApprovalMode.Ignore,
                    _ => ApprovalMode.Auto,
                },
                AskApprover = (detail, token) => AskAsync(detail, progressWriter, input, token),
                ApprovalTimeoutSeconds = parse.GetValue(approvalTimeout),
                VerifyWaitSeconds = parse.GetValue(verifyWait),
                Observer = progress.Observe,
            };

            LocalReplayResult result;
            try
            {
                await progressWriter.WriteLineAsync($"replaying {scenario.Id}: {scenario.Title}").ConfigureAwait(false);
                await using var served = await LocalScenario.StartAsync(scenario, cancellationToken).ConfigureAwait(false);
                await using var flow = await LocalIncidentFlow.StartAsync(served, options, cancellationToken).ConfigureAwait(false);
                result = await flow.ReplayAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (LocalReplayException exception)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }

            string report = parse.GetValue(json) ? Json(result) : Markdown(result);
            if (parse.GetValue(outFile) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, report, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"report written to {file.FullName}").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(report).ConfigureAwait(false);
            }

            return result.Report is null ? 1 : 0;
        });
        return command;
    }

    private static string Markdown(LocalReplayResult result) =>
        result.Report is { } report
            ? IncidentReportMarkdown.Render(report)
            : $"# {result.IncidentId}\n\nNo report was written; the execution ended {result.Execution.Status}: {result.Execution.Error} {result.Execution.Cause}\n";

    private static string Json(LocalReplayResult result)
    {
        var document = new JsonObject
        {
            ["incidentId"] = result.IncidentId,
            ["execution"] = new JsonObject
            {
                ["status"] = result.Execution.Status.ToString(),
                ["error"] = result.Execution.Error,
                ["cause"] = result.Execution.Cause,
                ["path"] = new JsonArray([.. result.History
                    .Where(e => e.Type == StateMachine.Execution.ExecutionHistoryEventType.StateEntered)
                    .Select(e => (JsonNode?)JsonValue.Create(e.StateName))]),
            },
            ["report"] = result.Report?.ToJson(),
            ["events"] = new JsonArray([.. result.Events.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.EventId,
                ["detail-type"] = e.Event.DetailType,
                ["detail"] = e.Event.Detail.DeepClone(),
            })]),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static async Task<bool> AskAsync(JsonObject detail, TextWriter prompt, TextReader input, CancellationToken cancellationToken)
    {
        await prompt.WriteLineAsync().ConfigureAwait(false);
        await prompt.WriteLineAsync("Approval requested:").ConfigureAwait(false);
        foreach (string field in new[] { "rootCause", "confidence", "runbook", "subject", "reason" })
        {
            if (detail[field] is { } value)
            {
                await prompt.WriteLineAsync($"  {field,-11} {(value is JsonValue ? value.ToString() : value.ToJsonString())}").ConfigureAwait(false);
            }
        }

        if ((detail["preview"] ?? detail["diff"]) is { } diff)
        {
            await prompt.WriteLineAsync($"  change      {diff.ToJsonString()}").ConfigureAwait(false);
        }

        await prompt.WriteAsync("Approve this change? [y/N] ").ConfigureAwait(false);
        string? answer = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return answer?.Trim().ToUpperInvariant() is "Y" or "YES";
    }
}
