namespace EksOps.Mcp.Tests;

/// <summary>The endpoint's environment variables.</summary>
public sealed class McpEndpointOptionsTests
{
    [Fact]
    public void Nothing_set_means_the_defaults_and_no_JWT()
    {
        var options = McpEndpointOptions.FromEnvironment(_ => null);

        Assert.Equal("/mcp", options.Path);
        Assert.Empty(options.AllowedOrigins);
        Assert.Equal(1024 * 1024, options.MaxRequestBytes);
        Assert.Null(options.Jwt);
    }

    [Fact]
    public void Every_variable_is_read()
    {
        var variables = new Dictionary<string, string>
        {
            ["EKSOPS_MCP_PATH"] = "/tools",
            ["EKSOPS_MCP_ALLOWED_ORIGINS"] = "https://a.example, https://b.example",
            ["EKSOPS_MCP_MAX_REQUEST_BYTES"] = "65536",
            ["EKSOPS_MCP_RESOURCE"] = "https://mcp.example.com/tools",
            ["EKSOPS_MCP_JWT_ISSUER"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf",
            ["EKSOPS_MCP_JWT_AUDIENCES"] = "client-a,client-b",
            ["EKSOPS_MCP_JWKS_URI"] = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf/.well-known/jwks.json",
            ["EKSOPS_MCP_READ_SCOPE"] = "eksops/read",
            ["EKSOPS_MCP_EXECUTE_SCOPE"] = "eksops/execute",
        };

        var options = McpEndpointOptions.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("/tools", options.Path);
        Assert.Equal(["https://a.example", "https://b.example"], options.AllowedOrigins);
        Assert.Equal(65536, options.MaxRequestBytes);
        Assert.Equal(new Uri("https://mcp.example.com/tools"), options.Resource);
        Assert.Equal(["client-a", "client-b"], options.Jwt!.Audiences);
        Assert.Equal("eksops/read", options.Jwt.ReadScope);
        Assert.Equal("eksops/execute", options.Jwt.ExecuteScope);
        Assert.NotNull(options.Jwt.JwksUri);
    }

    [Theory]
    [InlineData("EKSOPS_MCP_JWT_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/pool", "EKSOPS_MCP_JWT_AUDIENCES")]
    [InlineData("EKSOPS_MCP_JWT_AUDIENCES", "client-a", "EKSOPS_MCP_JWT_ISSUER")]
    [InlineData("EKSOPS_MCP_MAX_REQUEST_BYTES", "-1", "EKSOPS_MCP_MAX_REQUEST_BYTES")]
    [InlineData("EKSOPS_MCP_PATH", "mcp", "EKSOPS_MCP_PATH")]
    [InlineData("EKSOPS_MCP_RESOURCE", "http://mcp.example.com/mcp", "EKSOPS_MCP_RESOURCE")]
    public void An_invalid_setting_names_its_variable(string name, string value, string named)
    {
        var exception = Assert.Throws<McpConfigurationException>(() => McpEndpointOptions.FromEnvironment(n => n == name ? value : null));

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }
}
