using System.Text.Json;
using EksOps.Cli;

namespace EksOps.Diagnosis.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Json_output_has_the_results_and_summary_shape()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await EksOpsCommand.Create(output, error).Parse(["eval", Repository.HeldOutScenarios, "--json"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        Assert.Equal(["results", "summary"], root.EnumerateObject().Select(p => p.Name));
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Repository.HeldOutScenarioIds().Count, results.Count);
        foreach (var result in results)
        {
            Assert.Equal(["id", "expectedRootCause", "rootCause", "subjectMatch", "remediation", "remediationOk", "approvalRequired", "pass"], result.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.String, result.GetProperty("rootCause").ValueKind);
            Assert.True(result.GetProperty("pass").ValueKind is JsonValueKind.True or JsonValueKind.False);
        }

        var summary = root.GetProperty("summary");
        Assert.Equal(["total", "passed", "rootCauseAccuracy"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(results.Count, summary.GetProperty("total").GetInt32());
        Assert.InRange(summary.GetProperty("rootCauseAccuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Missing_folder_is_a_failure_to_run()
    {
        var error = new StringWriter();
        var exit = await EksOpsCommand.Create(new StringWriter(), error).Parse(["eval", Path.Combine(Repository.Root, "no-such-folder")]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
