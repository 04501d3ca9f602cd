using EksOps.Aws.Http;

namespace EksOps.Aws.Tests;

public sealed class EndpointResolutionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_overrides_the_endpoint_is_the_regional_AWS_host()
    {
        Assert.Equal(new Uri("https://monitoring.eu-west-1.amazonaws.com/"), AwsEnvironment.ResolveEndpoint("monitoring", "eu-west-1", null, Env()));
        Assert.Equal(new Uri("https://logs.cn-north-1.amazonaws.com.cn/"), AwsEnvironment.ResolveEndpoint("logs", "cn-north-1", null, Env()));
    }

    [Fact]
    public void A_per_service_variable_wins_over_the_global_one_and_applies_to_that_service_only()
    {
        var env = Env(("EKSOPS_ENDPOINT_MONITORING", "http://127.0.0.1:5000"), ("EKSOPS_ENDPOINT", "http://127.0.0.1:6000"));

        Assert.Equal(new Uri("http://127.0.0.1:5000"), AwsEnvironment.ResolveEndpoint("monitoring", "us-east-1", null, env));
        Assert.Equal(new Uri("http://127.0.0.1:6000"), AwsEnvironment.ResolveEndpoint("logs", "us-east-1", null, env));
    }

    [Fact]
    public void An_endpoint_in_options_wins_over_the_environment()
    {
        var overrides = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase) { ["Monitoring"] = new("http://localhost:7000/") };

        var endpoint = AwsEnvironment.ResolveEndpoint("monitoring", "us-east-1", overrides, Env(("EKSOPS_ENDPOINT_MONITORING", "http://127.0.0.1:5000")));

        Assert.Equal(new Uri("http://localhost:7000/"), endpoint);
    }

    [Fact]
    public void Service_variable_names_are_upper_case_with_underscores()
    {
        Assert.Equal("EKSOPS_ENDPOINT_MONITORING", AwsEnvironment.EndpointVariableFor("monitoring"));
        Assert.Equal("EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME", AwsEnvironment.EndpointVariableFor("bedrock-agent-runtime"));
    }

    [Fact]
    public void A_malformed_override_fails_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AwsEnvironment.ResolveEndpoint("logs", "us-east-1", null, Env(("EKSOPS_ENDPOINT_LOGS", "localhost:5000"))));
        Assert.Contains("EKSOPS_ENDPOINT_LOGS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_region_comes_from_options_then_AWS_REGION_then_AWS_DEFAULT_REGION()
    {
        Assert.Equal("ap-south-1", AwsEnvironment.ResolveRegion("ap-south-1", Env(("AWS_REGION", "eu-west-1"))));
        Assert.Equal("eu-west-1", AwsEnvironment.ResolveRegion(null, Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2"))));
        Assert.Equal("us-west-2", AwsEnvironment.ResolveRegion(null, Env(("AWS_DEFAULT_REGION", "us-west-2"))));
    }

    [Fact]
    public void A_pipeline_without_any_region_fails_at_construction_with_the_variables_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AwsHttpPipeline(new AwsClientOptions { GetEnvironmentVariable = _ => null }));

        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }
}
