namespace EksOps.AlarmIngest.Tests;

/// <summary>The <c>EKSOPS_ALARM_TAGS</c> syntax and what it selects.</summary>
public class AlarmTagFilterTests
{
    private static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    [Fact]
    public void Key_value_items_require_that_value_and_a_bare_key_requires_only_the_tag()
    {
        var filter = AlarmTagFilter.Parse("eksops:managed=true,team=payments,owner");

        Assert.Equal(
            [new AlarmTagRequirement("eksops:managed", "true"), new AlarmTagRequirement("team", "payments"), new AlarmTagRequirement("owner", null)],
            filter.Requirements);
        Assert.Equal("eksops:managed=true,team=payments,owner", filter.ToString());
    }

    [Fact]
    public void Whitespace_around_items_keys_and_values_is_ignored_and_inside_them_kept()
    {
        var filter = AlarmTagFilter.Parse("  eksops:managed = true ,\tcost centre= shop floor ");

        Assert.Equal([new AlarmTagRequirement("eksops:managed", "true"), new AlarmTagRequirement("cost centre", "shop floor")], filter.Requirements);
        Assert.Equal("eksops:managed=true,cost centre=shop floor", filter.ToString());
    }

    [Fact]
    public void A_value_runs_from_the_first_equals_sign_so_it_may_contain_more()
    {
        var filter = AlarmTagFilter.Parse("query=a=b==c");

        Assert.Equal([new AlarmTagRequirement("query", "a=b==c")], filter.Requirements);
    }

    [Fact]
    public void Key_with_an_equals_sign_and_nothing_after_requires_an_empty_value()
    {
        var filter = AlarmTagFilter.Parse("marker=");

        Assert.Equal([new AlarmTagRequirement("marker", string.Empty)], filter.Requirements);
        Assert.Empty(filter.FindUnmet(Tags(("marker", string.Empty))));
        Assert.Single(filter.FindUnmet(Tags(("marker", "x"))));
    }

    [Fact]
    public void Keys_and_values_at_CloudWatchs_limits_and_any_letters_are_accepted()
    {
        var key = new string('k', 128);
        var value = new string('v', 256);

        var filter = AlarmTagFilter.Parse($"{key}={value},équipe=paiements,チーム=決済,aws:cloudformation:stack-name=eksops-prod,a_b.c/d+e-f@g");

        Assert.Equal(5, filter.Requirements.Count);
        Assert.Equal(key, filter.Requirements[0].Key);
        Assert.Equal(value, filter.Requirements[0].Value);
        Assert.Equal(new AlarmTagRequirement("チーム", "決済"), filter.Requirements[2]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("team=payments,,owner", "Item 2 is empty")]
    [InlineData("team=payments,", "Item 2 is empty")]
    [InlineData(",team=payments", "Item 1 is empty")]
    [InlineData("team=payments, ,owner", "Item 2 is empty")]
    [InlineData("=payments", "item 1 ('=payments') has no key")]
    [InlineData("team=payments, =x", "item 2 ('=x') has no key")]
    [InlineData("team=a,team=b", "the key team appears more than once")]
    [InlineData("team,team=b", "the key team appears more than once")]
    [InlineData("\"team=payments\"", "quote")]
    [InlineData("team='payments'", "the value contains a quote")]
    [InlineData("team=pay\u0001ments", "the value contains the control character U+0001")]
    [InlineData("te\nam=payments", "the key contains the control character U+000A")]
    public void Bad_syntax_is_a_FormatException_that_says_which_item_and_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AlarmTagFilter.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_and_values_past_CloudWatchs_limits_are_refused()
    {
        var longKey = Assert.Throws<FormatException>(() => AlarmTagFilter.Parse(new string('k', 129) + "=v"));
        var longValue = Assert.Throws<FormatException>(() => AlarmTagFilter.Parse("k=" + new string('v', 257)));

        Assert.Contains("at most 128 characters; this one has 129", longKey.Message, StringComparison.Ordinal);
        Assert.Contains("at most 256 characters; this one has 257", longValue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alarm_is_selected_only_when_every_requirement_holds()
    {
        var filter = AlarmTagFilter.Parse("eksops:managed=true,team=payments,owner");

        Assert.Empty(filter.FindUnmet(Tags(("eksops:managed", "true"), ("team", "payments"), ("owner", "alice"), ("extra", "x"))));
        Assert.Empty(filter.FindUnmet(Tags(("eksops:managed", "true"), ("team", "payments"), ("owner", string.Empty))));
        Assert.Equal(
            [new AlarmTagRequirement("team", "payments"), new AlarmTagRequirement("owner", null)],
            filter.FindUnmet(Tags(("eksops:managed", "true"), ("team", "checkout"))));
        Assert.Equal(filter.Requirements, filter.FindUnmet(Tags()));
    }

    [Fact]
    public void Keys_and_values_match_case_sensitively_as_in_CloudWatch()
    {
        var filter = AlarmTagFilter.Parse("Team=Payments");

        Assert.Single(filter.FindUnmet(Tags(("team", "Payments"))));
        Assert.Single(filter.FindUnmet(Tags(("Team", "payments"))));
        Assert.Empty(filter.FindUnmet(Tags(("Team", "Payments"))));
    }

    [Fact]
    public void A_mismatch_is_described_by_what_is_missing_or_what_the_value_is()
    {
        var wrongValue = new AlarmTagRequirement("team", "payments");
        var anyValue = new AlarmTagRequirement("owner", null);

        Assert.Equal("team is \"checkout\", not \"payments\"", wrongValue.DescribeMismatch(Tags(("team", "checkout"))));
        Assert.Equal("no tag team", wrongValue.DescribeMismatch(Tags()));
        Assert.Equal("no tag owner", anyValue.DescribeMismatch(Tags(("team", "checkout"))));
        Assert.Equal("team=payments", wrongValue.ToString());
        Assert.Equal("owner", anyValue.ToString());
    }
}
