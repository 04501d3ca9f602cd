namespace EksOps.Tools.Tests;

public sealed class ToolDefinitionBuilderTests
{
    private const string Output = """{"type": "object", "properties": {"ok": {"type": "boolean"}}}""";

    private static ToolDefinitionBuilder Valid(string name = "get_thing") => ToolDefinition.Builder(name)
        .Title("Get a thing")
        .Description("Gets a thing.")
        .Annotations(ToolAnnotations.ClusterRead)
        .Parameter(ToolParameter.String("name", "The thing's name.") with { Required = true })
        .OutputSchema(Output);

    private static string Problems(ToolDefinitionBuilder builder) =>
        string.Join("\n", Assert.Throws<ToolDefinitionException>(builder.Build).Problems);

    [Fact]
    public void A_valid_definition_builds_and_its_input_schema_forbids_unknown_parameters()
    {
        var tool = Valid().Build();

        Assert.Equal("""{"type":"object","properties":{"name":{"type":"string","description":"The thing\u0027s name."}},"required":["name"],"additionalProperties":false}""", tool.CreateInputSchema().ToJsonString());
        Assert.NotNull(tool.CreateOutputSchema()["properties"]!["_truncated"]);
    }

    [Theory]
    [InlineData("GetThing", "snake_case")]
    [InlineData("thing", "snake_case")]
    [InlineData("thing_get", "must start with a verb")]
    [InlineData("get__thing", "snake_case")]
    public void Names_are_snake_case_and_verb_first(string name, string problem)
    {
        Assert.Contains(problem, Problems(Valid(name)), StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_fit_bedrock_limits()
    {
        Assert.Contains("1 to 1200 characters", Problems(Valid().Description(new string('x', 1201))), StringComparison.Ordinal);
        Assert.Contains("1 to 500 characters", Problems(Valid().Parameter(ToolParameter.String("long", new string('x', 501)))), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_must_agree_with_the_policy_class()
    {
        Assert.Contains("write tool cannot carry readOnlyHint: true", Problems(Valid("run_thing").PolicyClass(ToolPolicyClass.Write)), StringComparison.Ordinal);
        Assert.Contains("read tool must carry readOnlyHint: true", Problems(Valid().Annotations(new ToolAnnotations(false, false, true, false))), StringComparison.Ordinal);
        Assert.Contains("annotations are required", Problems(ToolDefinition.Builder("get_x").Title("x").Description("x").OutputSchema(Output)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": "object", "properties": {"tags": {"type": "array", "items": {}}}}""", "\"items\": {} is not allowed")]
    [InlineData("""{"type": "object", "properties": {"note": {"type": "string", "default": null}}}""", "\"default\": null is not allowed")]
    [InlineData("""{"type": "object", "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}""", "\"anyOf\" is not allowed")]
    [InlineData("""{"type": "object", "properties": {"v": {"description": "untyped"}}}""", "needs a single \"type\"")]
    [InlineData("""{"type": "object", "properties": {"v": {"type": ["string", "null"]}}}""", "needs a single \"type\"")]
    [InlineData("""{"type": "object", "properties": {"list": {"type": "array"}}}""", "an array needs \"items\"")]
    [InlineData("""{"type": "array", "items": {"type": "string"}}""", "must be an object schema")]
    public void Output_schemas_must_be_clean_for_every_face(string schema, string problem)
    {
        Assert.Contains(problem, Problems(Valid().OutputSchema(schema)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_constraints_must_fit_the_type()
    {
        string problems = Problems(Valid()
            .Parameter(ToolParameter.Boolean("flag", "A flag.") with { Minimum = 1 })
            .Parameter(ToolParameter.Integer("count", "A count.") with { Pattern = "x" })
            .Parameter(ToolParameter.Integer("size", "A size.") with { Minimum = 10, Maximum = 1 })
            .Parameter(ToolParameter.String("mode", "A mode.") with { Enum = ["a", "a"] })
            .Parameter(ToolParameter.String("when", "A time.") with { Format = "email" })
            .Parameter(ToolParameter.String("id", "An id.") with { Required = true, Advanced = true }));

        Assert.Contains("flag: minimum/maximum apply to integers and numbers only", problems, StringComparison.Ordinal);
        Assert.Contains("count: minLength/maxLength/pattern apply to strings only", problems, StringComparison.Ordinal);
        Assert.Contains("size: minimum is above maximum", problems, StringComparison.Ordinal);
        Assert.Contains("mode: an enum needs a string type and distinct values", problems, StringComparison.Ordinal);
        Assert.Contains("when: the only supported format is date-time", problems, StringComparison.Ordinal);
        Assert.Contains("id: a required parameter cannot be advanced", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_must_satisfy_its_own_parameter()
    {
        Assert.Contains("limit: the default does not satisfy", Problems(Valid().Parameter(ToolParameter.Integer("limit", "Limit.") with { Minimum = 1, Maximum = 10, Default = 50 })), StringComparison.Ordinal);
        Assert.Contains("mode: the default does not satisfy", Problems(Valid().Parameter(ToolParameter.String("mode", "Mode.") with { Enum = ["a"], Default = "b" })), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_parameters_and_dangling_constraints_are_refused()
    {
        string problems = Problems(Valid()
            .Parameter(ToolParameter.String("name", "Again."))
            .Constraint(ToolParameterConstraint.AtMostOne("name", "missing")));

        Assert.Contains("parameter name: declared twice", problems, StringComparison.Ordinal);
        Assert.Contains("a constraint names missing, which is not a parameter", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_write_tools_have_a_dry_run_parameter_and_it_is_a_boolean()
    {
        Assert.Contains("only a write tool has a dry-run parameter", Problems(Valid().Parameter(ToolParameter.Boolean("dryRun", "Dry run.")).DryRun("dryRun")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_function_can_raise_the_class_but_never_lower_it()
    {
        var tool = ToolDefinition.Builder("run_thing").Title("Run").Description("Runs.")
            .PolicyClass(ToolPolicyClass.Write)
            .Annotations(new ToolAnnotations(false, true, false, false))
            .OutputSchema(Output)
            .Scope(_ => new ToolCallScope("shop", ToolPolicyClass.Read))
            .Build();

        Assert.Equal(ToolPolicyClass.Write, tool.ResolveScope(ToolArguments.Bind(tool, null)).PolicyClass);
    }
}
