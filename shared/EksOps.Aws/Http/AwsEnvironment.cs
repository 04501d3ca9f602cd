namespace EksOps.Aws.Http;

/// <summary>The environment variables the pipeline reads, and how it turns them into a region and endpoints.</summary>
public static class AwsEnvironment
{
    /// <summary><c>AWS_REGION</c>: the region (Lambda sets it).</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary><c>AWS_DEFAULT_REGION</c>: the region when <c>AWS_REGION</c> is unset (the AWS CLI's variable).</summary>
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <summary><c>EKSOPS_ENDPOINT</c>: one endpoint for every service without its own override.</summary>
    public const string EndpointVariable = "EKSOPS_ENDPOINT";

    /// <summary>The prefix of the per-service variables, <c>EKSOPS_ENDPOINT_&lt;SERVICE&gt;</c>.</summary>
    public const string EndpointVariablePrefix = "EKSOPS_ENDPOINT_";

    /// <summary>The variable that overrides one service's endpoint: <c>monitoring</c> → <c>EKSOPS_ENDPOINT_MONITORING</c>, <c>bedrock-agent-runtime</c> → <c>EKSOPS_ENDPOINT_BEDROCK_AGENT_RUNTIME</c>.</summary>
    /// <param name="endpointPrefix">The service's endpoint prefix.</param>
    /// <returns>The variable name.</returns>
    public static string EndpointVariableFor(string endpointPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointPrefix);
        return EndpointVariablePrefix + endpointPrefix.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
    }

    /// <summary>The region: <paramref name="explicitRegion"/>, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>.</summary>
    /// <param name="explicitRegion">A region given in code, if any.</param>
    /// <param name="getEnvironmentVariable">Reads a variable.</param>
    /// <returns>The region.</returns>
    /// <exception cref="InvalidOperationException">No region is configured anywhere.</exception>
    public static string ResolveRegion(string? explicitRegion, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var region = NonEmpty(explicitRegion) ?? NonEmpty(getEnvironmentVariable(RegionVariable)) ?? NonEmpty(getEnvironmentVariable(DefaultRegionVariable));
        return region ?? throw new InvalidOperationException(
            $"No AWS region: set {RegionVariable} (or {DefaultRegionVariable}), or {nameof(AwsClientOptions)}.{nameof(AwsClientOptions.Region)}.");
    }

    /// <summary>
    /// A service's endpoint: <paramref name="overrides"/>, else <c>EKSOPS_ENDPOINT_&lt;SERVICE&gt;</c>, else
    /// <c>EKSOPS_ENDPOINT</c>, else <c>https://&lt;prefix&gt;.&lt;region&gt;.amazonaws.com</c> (<c>.amazonaws.com.cn</c> in China).
    /// </summary>
    /// <param name="endpointPrefix">The service's endpoint prefix, e.g. <c>monitoring</c>.</param>
    /// <param name="region">The region.</param>
    /// <param name="overrides">Endpoints given in code, keyed by endpoint prefix.</param>
    /// <param name="getEnvironmentVariable">Reads a variable.</param>
    /// <returns>An absolute http or https URI.</returns>
    /// <exception cref="InvalidOperationException">An override is not an absolute http(s) URI.</exception>
    public static Uri ResolveEndpoint(string endpointPrefix, string region, IReadOnlyDictionary<string, Uri>? overrides, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        if (overrides is not null && overrides.TryGetValue(endpointPrefix, out var configured))
        {
            return Validate(configured, $"{nameof(AwsClientOptions)}.{nameof(AwsClientOptions.Endpoints)}[{endpointPrefix}]");
        }

        foreach (var variable in new[] { EndpointVariableFor(endpointPrefix), EndpointVariable })
        {
            var value = NonEmpty(getEnvironmentVariable(variable));
            if (value is not null)
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri)
                    ? Validate(uri, variable)
                    : throw new InvalidOperationException($"{variable}='{value}' is not an absolute http(s) URI.");
            }
        }

        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{endpointPrefix}.{region}.{suffix}/");
    }

    private static Uri Validate(Uri uri, string source) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{source}='{uri}' is not an absolute http(s) URI.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
