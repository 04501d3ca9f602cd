using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Tests;

public sealed class PayloadTemplateTests
{
    private static readonly JsonObject Context = new() { ["Execution"] = new JsonObject { ["Name"] = "run-1" } };

    private static JsonNode? Evaluate(string template, string input) =>
        PayloadTemplate.Compile(JsonNode.Parse(template)!.AsObject()).Evaluate(new EvaluationScope(JsonNode.Parse(input), Context, new RandomSource(new FixedRandom(0.5))));

    [Fact]
    public void Dollar_keys_are_evaluated_and_others_copied_at_every_depth()
    {
        var result = Evaluate(
            """
            {"literal":"$.not.a.path","id.$":"$.id","name.$":"$$.Execution.Name","greeting.$":"States.Format('hi {}', $.id)",
             "nested":{"n.$":"$.n","list":[{"x.$":"$.id"},2,"three"]},"none":null}
            """,
            """{"id":"a-1","n":[1,2]}""");

        JsonValuesForTests.Equal(
            """{"literal":"$.not.a.path","id":"a-1","name":"run-1","greeting":"hi a-1","nested":{"n":[1,2],"list":[{"x":"a-1"},2,"three"]},"none":null}""",
            JsonValuesForTests.Compact(result));
    }

    [Fact]
    public void A_path_that_matches_nothing_is_a_ParameterPathFailure_naming_the_field()
    {
        var error = Assert.Throws<StatesErrorException>(() => Evaluate("""{"x.$":"$.missing"}""", """{"id":1}"""));

        Assert.Equal("States.ParameterPathFailure", error.Error);
        Assert.Equal("""The JSONPath '$.missing' specified for the field 'x.$' could not be found in the input '{"id":1}'""", error.Cause);
    }

    [Fact]
    public void A_context_path_that_matches_nothing_is_a_ParameterPathFailure()
    {
        var error = Assert.Throws<StatesErrorException>(() => Evaluate("""{"x.$":"$$.Task.Token"}""", "{}"));
        Assert.Equal("States.ParameterPathFailure", error.Error);
    }

    [Theory]
    [InlineData("""{"x.$":1}""", "must be a path or an intrinsic function, not number")]
    [InlineData("""{"x.$":"plain"}""", "must be a path")]
    [InlineData("""{"x.$":"{% $states.input %}"}""", "JSONata")]
    [InlineData("""{"x":1,"x.$":"$.a"}""", "two members named 'x'")]
    [InlineData("""{"x.$":"$..a"}""", "recursive descent")]
    [InlineData("""{"x.$":"States.Nope()"}""", "not an intrinsic function")]
    public void Malformed_templates_are_rejected_when_compiled(string template, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PayloadTemplate.Compile(JsonNode.Parse(template)!.AsObject()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
