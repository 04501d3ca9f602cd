namespace EksOps.Scenarios.Tests;

public sealed class ErrorFormatTests
{
    [Fact]
    public void An_error_reads_file_path_position_and_problem_on_one_line()
    {
        var error = new ScenarioError("objects.yaml", "document 3 ($[2]).metadata.name", 41, 3, "expected a non-empty name but the key is missing");

        Assert.Equal("objects.yaml: document 3 ($[2]).metadata.name (line 41, column 3): expected a non-empty name but the key is missing", error.ToString());
    }

    [Fact]
    public void An_error_without_a_position_leaves_it_out()
    {
        var error = new ScenarioError("alarm.json", "$.detail.state.value", null, null, "invalid CloudWatch alarm event: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"FOO\"");

        Assert.Equal("alarm.json: $.detail.state.value: invalid CloudWatch alarm event: expected one of OK, ALARM, INSUFFICIENT_DATA but found \"FOO\"", error.ToString());
    }

    [Fact]
    public void The_exception_message_lists_every_error_under_a_header()
    {
        var ex = new ScenarioException("/s/oom", [
            new ScenarioError("scenario.yaml", "$.now", 2, 6, "expected an instant but found \"soon\""),
            new ScenarioError("alarm.json", "$", null, null, "expected a JSON object but the input is empty"),
        ]);

        Assert.Equal(
            "Invalid scenario in /s/oom (2 errors):\n  scenario.yaml: $.now (line 2, column 6): expected an instant but found \"soon\"\n  alarm.json: $: expected a JSON object but the input is empty",
            ex.Message.ReplaceLineEndings("\n"));
        Assert.Equal("/s/oom", ex.Directory);
        Assert.Equal(2, ex.Errors.Count);
    }

    [Fact]
    public void Keys_that_are_not_identifiers_are_bracketed_in_paths()
    {
        using var scenario = TempScenario.CopyOf("oom-checkout").Edit("objects.yaml", "    app.kubernetes.io/name: checkout\n  annotations", "    app.kubernetes.io/name: !Ref x\n  annotations");

        Expect.Only(scenario.Reject(), "objects.yaml", "document 1 ($[0]).metadata.labels['app.kubernetes.io/name']", "but found the tag !Ref");
    }
}
