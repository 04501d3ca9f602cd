using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Tests;

public sealed class JsonPathTests
{
    private const string Document = """
        {"a":{"b":[10,20,30],"c d":"space","it's":"quote"},"items":[{"id":1},{"id":2},{"id":3}],"n":null}
        """;

    private static string Select(string path)
    {
        Assert.True(JsonPath.Parse(path).TrySelect(JsonNode.Parse(Document), out var value), $"{path} matched nothing");
        return JsonValuesForTests.Compact(value);
    }

    [Theory]
    [InlineData("$", Document)]
    [InlineData("$.a.b", "[10,20,30]")]
    [InlineData("$.a.b[1]", "20")]
    [InlineData("$.a.b[-1]", "30")]
    [InlineData("$['a']['c d']", "\"space\"")]
    [InlineData("$.a[\"c d\"]", "\"space\"")]
    [InlineData("$.a['it\\'s']", "\"quote\"")]
    [InlineData("$.items[0].id", "1")]
    [InlineData("$.n", "null")]
    public void Definite_paths_select_one_value(string path, string expected) => JsonValuesForTests.Equal(expected, Select(path));

    [Theory]
    [InlineData("$.items[*].id", "[1,2,3]")]
    [InlineData("$.items.*.id", "[1,2,3]")]
    [InlineData("$.a.b[1:]", "[20,30]")]
    [InlineData("$.a.b[:2]", "[10,20]")]
    [InlineData("$.a.b[-2:]", "[20,30]")]
    [InlineData("$.missing[*]", "[]")]
    public void Wildcards_and_slices_select_an_array_of_every_match(string path, string expected) => JsonValuesForTests.Equal(expected, Select(path));

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.a.b[3]")]
    [InlineData("$.a.b[-4]")]
    [InlineData("$.a.b.c")]
    [InlineData("$.items.id")]
    [InlineData("$.a[0]")]
    public void A_definite_path_that_matches_nothing_selects_nothing(string path) =>
        Assert.False(JsonPath.Parse(path).TrySelect(JsonNode.Parse(Document), out _));

    [Fact]
    public void Selected_values_are_copies()
    {
        var document = JsonNode.Parse(Document);
        JsonPath.Parse("$.a").TrySelect(document, out var a);
        a!["b"] = "changed";
        Assert.Equal(3, document!["a"]!["b"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("$..a", "recursive descent")]
    [InlineData("$.items[?(@.id == 1)]", "filter")]
    [InlineData("$.a.length()", "not supported in a name")]
    [InlineData("$.a.b[0,1]", "unions")]
    [InlineData("$.a.b[0:2:1]", "step")]
    [InlineData("$myVariable", "workflow variable")]
    [InlineData("a.b", "starts with '$'")]
    [InlineData("$.", "missing")]
    [InlineData("$.a[", "not closed")]
    [InlineData("$.a[x]", "not an index")]
    public void Unsupported_or_malformed_paths_are_rejected_with_the_reason(string path, string reason)
    {
        var error = Assert.Throws<FormatException>(() => JsonPath.Parse(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_paths_are_marked_and_can_be_refused()
    {
        Assert.True(JsonPath.Parse("$$.Execution.Id").IsContext);
        Assert.False(JsonPath.Parse("$.Execution.Id").IsContext);
        Assert.Throws<FormatException>(() => JsonPath.Parse("$$.Execution.Id", allowContext: false));
    }

    [Theory]
    [InlineData("$", """{"r":1}""")]
    [InlineData("$.result", """{"x":{"y":1},"list":[1,2],"result":{"r":1}}""")]
    [InlineData("$.x.y", """{"x":{"y":{"r":1}},"list":[1,2]}""")]
    [InlineData("$.new.deep.place", """{"x":{"y":1},"list":[1,2],"new":{"deep":{"place":{"r":1}}}}""")]
    [InlineData("$.list[1]", """{"x":{"y":1},"list":[1,{"r":1}]}""")]
    public void Reference_paths_place_a_value_creating_objects_on_the_way(string path, string expected)
    {
        var input = JsonNode.Parse("""{"x":{"y":1},"list":[1,2]}""");

        var placed = JsonPath.ParseReference(path).Place(input, JsonNode.Parse("""{"r":1}"""));

        JsonValuesForTests.Equal(expected, JsonValuesForTests.Compact(placed));
        JsonValuesForTests.Equal("""{"x":{"y":1},"list":[1,2]}""", JsonValuesForTests.Compact(input));
    }

    [Theory]
    [InlineData("$.x.y.z", "'$.x.y' is a number")]
    [InlineData("$.list.a", "'$.list' is an array")]
    [InlineData("$.list[5]", "no element 5")]
    public void Placing_into_something_that_is_not_an_object_fails_with_where(string path, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => JsonPath.ParseReference(path).Place(JsonNode.Parse("""{"x":{"y":1},"list":[1,2]}"""), JsonValue.Create(1)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$.a[1:2]")]
    [InlineData("$.a[-1]")]
    [InlineData("$$.Execution")]
    public void Reference_paths_take_only_names_and_indexes(string path) => Assert.Throws<FormatException>(() => JsonPath.ParseReference(path));
}
