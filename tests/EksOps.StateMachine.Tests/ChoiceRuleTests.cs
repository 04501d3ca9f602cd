namespace EksOps.StateMachine.Tests;

public sealed class ChoiceRuleTests
{
    private const string Input = """
        {"s":"beta","n":5,"f":2.5,"b":true,"t":"2026-03-01T12:00:00Z","tz":"2026-03-01T13:00:00+01:00","null":null,
         "other":{"s":"beta","n":5,"b":true,"t":"2026-03-01T12:00:00Z","lower":"alpha","big":10},"file":"log-2026.txt","star":"a*b","slash":"a\\b"}
        """;

    private static async Task<string> BranchAsync(string rule, string input = Input)
    {
        await using var harness = new StateMachineHarness(Asl.Choice(rule));
        var (result, execution) = await harness.RunAsync(input);
        Assert.Equal(LocalExecutionStatus.Succeeded, result.Status);
        return execution.EnteredStates[^1];
    }

    [Theory]
    [InlineData("""{"Variable":"$.s","StringEquals":"beta","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringEquals":"Beta","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","StringLessThan":"gamma","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringLessThan":"beta","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","StringGreaterThan":"alpha","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringLessThanEquals":"beta","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringGreaterThanEquals":"c","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","StringEqualsPath":"$.other.s","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringLessThanPath":"$.other.lower","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","StringGreaterThanPath":"$.other.lower","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringLessThanEqualsPath":"$.other.s","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","StringGreaterThanEqualsPath":"$.other.s","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","StringEquals":"5","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.n","NumericEquals":5,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","NumericEquals":5.0,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.f","NumericLessThan":3,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.f","NumericGreaterThan":2.5,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.f","NumericLessThanEquals":2.5,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.f","NumericGreaterThanEquals":2.5,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","NumericEqualsPath":"$.other.n","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","NumericLessThanPath":"$.other.big","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","NumericGreaterThanPath":"$.other.big","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.n","NumericLessThanEqualsPath":"$.other.n","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.other.big","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","NumericEquals":5,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.b","BooleanEquals":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.b","BooleanEquals":false,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.b","BooleanEqualsPath":"$.other.b","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","BooleanEquals":true,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.t","TimestampEquals":"2026-03-01T12:00:00Z","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.tz","TimestampEquals":"2026-03-01T12:00:00Z","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampLessThan":"2026-03-01T12:00:01Z","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThan":"2026-03-01T12:00:00Z","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.t","TimestampLessThanEquals":"2026-03-01T12:00:00Z","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanEquals":"2026-02-28T00:00:00.5Z","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampEqualsPath":"$.other.t","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampLessThanPath":"$.tz","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanPath":"$.tz","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.t","TimestampLessThanEqualsPath":"$.tz","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanEqualsPath":"$.tz","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","TimestampEquals":"2026-03-01T12:00:00Z","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.file","StringMatches":"log-*.txt","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.file","StringMatches":"*.log","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.star","StringMatches":"a\\*b","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.file","StringMatches":"log\\*","Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.slash","StringMatches":"a\\\\b","Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.null","IsNull":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","IsNull":true,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.s","IsPresent":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.missing","IsPresent":false,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.null","IsPresent":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.f","IsNumeric":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","IsNumeric":false,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","IsString":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.n","IsString":true,"Next":"Yes"}""", "No")]
    [InlineData("""{"Variable":"$.b","IsBoolean":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.t","IsTimestamp":true,"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Variable":"$.s","IsTimestamp":true,"Next":"Yes"}""", "No")]
    [InlineData("""{"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.s","StringEquals":"beta"}],"Next":"Yes"}""", "Yes")]
    [InlineData("""{"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.s","StringEquals":"gamma"}],"Next":"Yes"}""", "No")]
    [InlineData("""{"Or":[{"Variable":"$.n","NumericGreaterThan":10},{"Variable":"$.s","StringEquals":"beta"}],"Next":"Yes"}""", "Yes")]
    [InlineData("""{"Or":[{"Variable":"$.n","NumericGreaterThan":10},{"Variable":"$.s","StringEquals":"gamma"}],"Next":"Yes"}""", "No")]
    [InlineData("""{"Not":{"Variable":"$.s","StringEquals":"beta"},"Next":"Yes"}""", "No")]
    [InlineData("""{"Not":{"Or":[{"Variable":"$.missing","IsPresent":true},{"Variable":"$.b","BooleanEquals":false}]},"Next":"Yes"}""", "Yes")]
    public async Task Each_operator_decides_the_branch(string rule, string expected) => Assert.Equal(expected, await BranchAsync(rule));

    [Fact]
    public async Task Rules_are_tried_in_order_and_the_first_match_wins()
    {
        await using var harness = new StateMachineHarness(Asl.Machine("""
            "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"First"},{"Variable":"$.n","NumericGreaterThan":0,"Next":"Second"}]},
            "First":{"Type":"Succeed"},"Second":{"Type":"Succeed"}
            """, "C"));

        var (_, execution) = await harness.RunAsync("""{"n":5}""");

        Assert.Equal(["C", "First"], execution.EnteredStates);
    }

    [Fact]
    public async Task No_match_without_Default_fails_with_NoChoiceMatched()
    {
        await using var harness = new StateMachineHarness(Asl.Machine("""
            "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"Yes"}]},"Yes":{"Type":"Succeed"}
            """, "C"));

        var (result, _) = await harness.RunAsync("""{"n":5}""");

        Assert.Equal((LocalExecutionStatus.Failed, "States.NoChoiceMatched"), (result.Status, result.Error));
    }

    [Theory]
    [InlineData("""{"Variable":"$.missing","StringEquals":"x","Next":"Yes"}""", "$.missing")]
    [InlineData("""{"Variable":"$.missing","IsNull":true,"Next":"Yes"}""", "$.missing")]
    [InlineData("""{"Variable":"$.s","StringEqualsPath":"$.missing","Next":"Yes"}""", "$.missing")]
    public async Task A_variable_that_is_not_there_is_a_runtime_error(string rule, string path)
    {
        await using var harness = new StateMachineHarness(Asl.Choice(rule));

        var (result, _) = await harness.RunAsync(Input);

        Assert.Equal((LocalExecutionStatus.Failed, "States.Runtime"), (result.Status, result.Error));
        Assert.Contains(path, result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choice_applies_InputPath_and_OutputPath_and_passes_its_input_on()
    {
        await using var harness = new StateMachineHarness(Asl.Machine("""
            "C":{"Type":"Choice","InputPath":"$.inner","OutputPath":"$.keep","Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"Yes"}]},
            "Yes":{"Type":"Succeed"}
            """, "C"));

        var (result, _) = await harness.RunAsync("""{"inner":{"go":true,"keep":{"k":1}},"dropped":1}""");

        JsonValuesForTests.Equal("""{"k":1}""", result.Output);
    }
}
