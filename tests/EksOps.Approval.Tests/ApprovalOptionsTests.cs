using EksOps.Approval.Tests.Support;

namespace EksOps.Approval.Tests;

public sealed class ApprovalOptionsTests
{
    private static ApprovalOptions Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return ApprovalOptions.FromEnvironment(name => map.TryGetValue(name, out var value) ? value : null);
    }

    [Fact]
    public void Link_mode_reads_the_url_both_keys_and_the_body_limit()
    {
        var options = Read(
            ("EKSOPS_APPROVAL_SECRET", ApprovalHarness.PolicySecret),
            ("EKSOPS_APPROVAL_LINK_SECRET", ApprovalHarness.LinkSecret),
            ("EKSOPS_APPROVAL_LINK_SECRET_PREVIOUS", Convert.ToBase64String(new byte[40])),
            ("EKSOPS_APPROVAL_URL", "https://abc.lambda-url.eu-west-1.on.aws/"),
            ("EKSOPS_APPROVAL_MAX_BODY_BYTES", "2048"));

        Assert.Equal(ApprovalAuthMode.Link, options.AuthMode);
        Assert.Equal(new Uri("https://abc.lambda-url.eu-west-1.on.aws/"), options.ApprovalUrl);
        Assert.Equal(2, options.Links!.Keys.Count);
        Assert.Equal(2048, options.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromHours(1), options.PolicyTokens.MaxLifetime);
    }

    [Fact]
    public void Iam_mode_needs_no_link_key_or_url()
    {
        var options = Read(("EKSOPS_APPROVAL_SECRET", ApprovalHarness.PolicySecret), ("EKSOPS_APPROVAL_AUTH", "IAM"));

        Assert.Equal(ApprovalAuthMode.Iam, options.AuthMode);
        Assert.Null(options.Links);
        Assert.Null(options.ApprovalUrl);
    }

    [Theory]
    [InlineData("EKSOPS_APPROVAL_SECRET", null, "EKSOPS_APPROVAL_SECRET is required")]
    [InlineData("EKSOPS_APPROVAL_LINK_SECRET", null, "EKSOPS_APPROVAL_LINK_SECRET")]
    [InlineData("EKSOPS_APPROVAL_LINK_SECRET", "c2hvcnQ=", "at least 32 random bytes")]
    [InlineData("EKSOPS_APPROVAL_AUTH", "oauth", "expected link or iam")]
    [InlineData("EKSOPS_APPROVAL_URL", "/relative", "absolute http(s) URL")]
    [InlineData("EKSOPS_APPROVAL_URL", "https://x.example/?a=b", "without a query")]
    [InlineData("EKSOPS_APPROVAL_MAX_BODY_BYTES", "-1", "positive number of bytes")]
    public void Missing_or_malformed_variables_name_themselves(string variable, string? value, string expected)
    {
        var variables = new List<(string, string)>
        {
            ("EKSOPS_APPROVAL_SECRET", ApprovalHarness.PolicySecret),
            ("EKSOPS_APPROVAL_LINK_SECRET", ApprovalHarness.LinkSecret),
        };
        variables.RemoveAll(v => v.Item1 == variable);
        if (value is not null)
        {
            variables.Add((variable, value));
        }

        var error = Assert.Throws<ApprovalConfigurationException>(() => Read([.. variables]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EKSOPS_APPROVAL_SECRET")]
    [InlineData("EKSOPS_APPROVAL_SECRET_PREVIOUS")]
    public void The_link_key_must_not_be_a_policy_key(string policyVariable)
    {
        var variables = new List<(string, string)>
        {
            ("EKSOPS_APPROVAL_SECRET", Convert.ToBase64String(Enumerable.Repeat((byte)3, 32).ToArray())),
            ("EKSOPS_APPROVAL_LINK_SECRET", ApprovalHarness.LinkSecret),
        };
        variables.RemoveAll(v => v.Item1 == policyVariable);
        variables.Add((policyVariable, ApprovalHarness.LinkSecret));

        var error = Assert.Throws<ApprovalConfigurationException>(() => Read([.. variables]));

        Assert.Contains("must differ from " + policyVariable, error.Message, StringComparison.Ordinal);
    }
}
