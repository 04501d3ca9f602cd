using System.Text.Json.Nodes;

namespace EksOps.Cli.Tests;

/// <summary><c>eksops replay</c> as a user runs it: arguments, progress, the report on stdout or in a file, exit codes.</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Replay_prints_progress_state_by_state_and_the_markdown_report()
    {
        using var output = new StringWriter();
        using var progress = new StringWriter();

        int exitCode = await EksOpsCommand.Create(output, progress)
            .Parse(["replay", Path.Combine(Repository.Scenarios, "docs-portal-restarts-dev"), "--verify-wait", "0"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("✓ Diagnose", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains("✓ Apply", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains("execution succeeded", progress.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("# Incident ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("rollback-deployment", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("```diff", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_with_deny_and_json_writes_the_escalated_report_to_the_file()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("eksops-replay-").FullName, "report.json");
        using var output = new StringWriter();

        int exitCode = await EksOpsCommand.Create(output, TextWriter.Null)
            .Parse(["replay", Path.Combine(Repository.Scenarios, "checkout-restarts-prod"), "--approve", "deny", "--json", "--out", file])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
        Assert.Equal("Succeeded", (string?)report["execution"]!["status"]);
        Assert.Equal("Escalated", (string?)report["execution"]!["path"]!.AsArray()[^1]);
        Assert.Contains(report["events"]!.AsArray(), e => (string?)e!["detail-type"] == "Incident Escalated");
        Assert.DoesNotContain(report["events"]!.AsArray(), e => (string?)e!["detail-type"] == "Remediation Applied");
        Assert.Contains("report written to", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_missing_scenario_exits_2_with_the_reason()
    {
        using var error = new StringWriter();

        int exitCode = await EksOpsCommand.Create(TextWriter.Null, error)
            .Parse(["replay", Path.Combine(Repository.Scenarios, "no-such-scenario")])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-scenario", error.ToString(), StringComparison.Ordinal);
    }
}
