using EksOps.Aws.StepFunctions;

namespace EksOps.Aws.Tests.StepFunctions;

public sealed class ExecutionNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alarm-ServerCpuTooHigh_20191002T170440Z")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678X")]
    public void Valid_names_are_accepted_and_returned_unchanged(string name)
    {
        Assert.True(ExecutionNames.IsValid(name));
        ExecutionNames.Validate(name);
        Assert.Same(name, ExecutionNames.Sanitize(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:")]
    [InlineData("slash/")]
    [InlineData("dot.")]
    [InlineData("café")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234567890123456789X")]
    public void Invalid_names_are_refused_with_a_reason(string? name)
    {
        Assert.False(ExecutionNames.IsValid(name));
        var error = Assert.Throws<ArgumentException>(() => ExecutionNames.Validate(name, "name"));
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Sanitizing_replaces_runs_of_other_characters_with_one_dash_and_appends_a_hash_of_the_original()
    {
        var name = ExecutionNames.Sanitize("prod: api 5xx > 1%");

        Assert.Matches("^prod-api-5xx-1-[0-9a-f]{12}$", name);
        Assert.True(ExecutionNames.IsValid(name));
        Assert.Equal(name, ExecutionNames.Sanitize("prod: api 5xx > 1%"));
    }

    [Fact]
    public void Texts_that_differ_only_in_replaced_characters_get_different_names()
    {
        Assert.NotEqual(ExecutionNames.Sanitize("a b"), ExecutionNames.Sanitize("a:b"));
        Assert.NotEqual(ExecutionNames.Sanitize("a b"), ExecutionNames.Sanitize("a-b"));
    }

    [Fact]
    public void Long_texts_are_cut_to_80_characters_and_stay_distinct_by_their_hash()
    {
        var prefix = new string('x', 100);
        var first = ExecutionNames.Sanitize(prefix + "-1");
        var second = ExecutionNames.Sanitize(prefix + "-2");

        Assert.Equal(ExecutionNames.MaxLength, first.Length);
        Assert.True(ExecutionNames.IsValid(first));
        Assert.NotEqual(first, second);
        Assert.StartsWith(new string('x', 67) + "-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_with_no_allowed_character_becomes_its_hash()
    {
        var name = ExecutionNames.Sanitize("::: ///");

        Assert.Matches("^[0-9a-f]{12}$", name);
    }
}
