using System.Globalization;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using EksOps.IncidentStore.DynamoDb;

namespace EksOps.IncidentStore;

/// <summary>Builds the incident store a function uses from its environment.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>variable</term><description>effect</description></listheader>
/// <item><term><c>EKSOPS_INCIDENT_STORE</c></term><description><c>dynamodb</c> (default) or <c>memory</c> (the embedded store: one process only, for local runs and tests; never in Lambda, where every sandbox would have its own)</description></item>
/// <item><term><c>EKSOPS_INCIDENT_TABLE</c></term><description>the DynamoDB table (required for <c>dynamodb</c>)</description></item>
/// <item><term><c>EKSOPS_INCIDENT_RETENTION_DAYS</c></term><description>how long items are kept (their TTL); default 90</description></item>
/// <item><term><c>EKSOPS_ENDPOINT_DYNAMODB</c>, then <c>EKSOPS_ENDPOINT</c></term><description>an endpoint override (moto, DynamoDB Local), as for the EksOps.Aws clients</description></item>
/// <item><term><c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c></term><description>the region (required for <c>dynamodb</c>)</description></item>
/// <item><term><c>AWS_ACCESS_KEY_ID</c>, … (the SDK's default chain)</term><description>credentials, unless given</description></item>
/// </list>
/// </remarks>
public static class IncidentStoreFactory
{
    /// <summary>Which store: <c>dynamodb</c> or <c>memory</c>.</summary>
    public const string StoreVariable = "EKSOPS_INCIDENT_STORE";

    /// <summary>The DynamoDB table.</summary>
    public const string TableVariable = "EKSOPS_INCIDENT_TABLE";

    /// <summary>The retention in days.</summary>
    public const string RetentionDaysVariable = "EKSOPS_INCIDENT_RETENTION_DAYS";

    /// <summary>The DynamoDB endpoint override (the EksOps.Aws convention <c>EKSOPS_ENDPOINT_&lt;SERVICE&gt;</c>).</summary>
    public const string EndpointVariable = "EKSOPS_ENDPOINT_DYNAMODB";

    /// <summary>The endpoint override of every service without its own.</summary>
    public const string SharedEndpointVariable = "EKSOPS_ENDPOINT";

    /// <summary>Builds the store the environment names.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <param name="time">The store's clock; the system clock by default.</param>
    /// <param name="credentials">Credentials for DynamoDB; the SDK's default chain by default.</param>
    /// <returns>The store; a DynamoDB store is <see cref="IDisposable"/> and owns its client.</returns>
    /// <exception cref="InvalidOperationException">A variable is missing or invalid; the message names it.</exception>
    public static IIncidentStore FromEnvironment(Func<string, string?>? getVariable = null, TimeProvider? time = null, AWSCredentials? credentials = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var kind = Value(getVariable, StoreVariable) ?? "dynamodb";
        if (kind.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryIncidentStore(time);
        }

        if (!kind.Equals("dynamodb", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{StoreVariable} is '{kind}'; it must be 'dynamodb' (the default) or 'memory'.");
        }

        var table = Value(getVariable, TableVariable)
            ?? throw new InvalidOperationException($"{TableVariable} is not set: it names the DynamoDB incident table (key schema: string pk and sk, TTL on ttl).");
        var client = CreateClient(getVariable, credentials);
        return new DynamoDbIncidentStore(client, new DynamoDbIncidentStoreOptions { TableName = table, Retention = Retention(getVariable) }, time, ownsClient: true);
    }

    /// <summary>A DynamoDB client for the environment's region and endpoint override.</summary>
    /// <param name="getVariable">Reads a variable.</param>
    /// <param name="credentials">Credentials; the SDK's default chain when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No region is set, or the endpoint override is not an absolute http(s) URI.</exception>
    public static AmazonDynamoDBClient CreateClient(Func<string, string?> getVariable, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var region = Value(getVariable, "AWS_REGION") ?? Value(getVariable, "AWS_DEFAULT_REGION")
            ?? throw new InvalidOperationException("Neither AWS_REGION nor AWS_DEFAULT_REGION is set: the incident store needs the region of its DynamoDB table.");
        var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
        var (variable, endpoint) = Value(getVariable, EndpointVariable) is { } own ? (EndpointVariable, own)
            : Value(getVariable, SharedEndpointVariable) is { } shared ? (SharedEndpointVariable, shared)
            : (null, null);
        if (endpoint is not null)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"{variable} is '{endpoint}'; it must be an absolute http or https URI.");
            }

            config.ServiceURL = uri.ToString();
            config.AuthenticationRegion = region;
        }

        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    private static TimeSpan Retention(Func<string, string?> getVariable)
    {
        var text = Value(getVariable, RetentionDaysVariable);
        if (text is null)
        {
            return DynamoDbIncidentStoreOptions.DefaultRetention;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650
            ? TimeSpan.FromDays(days)
            : throw new InvalidOperationException($"{RetentionDaysVariable} is '{text}'; it must be a whole number of days from 1 to 3650.");
    }

    private static string? Value(Func<string, string?> getVariable, string name) =>
        getVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
