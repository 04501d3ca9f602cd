using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EksOps.Testing.Moto;

namespace EksOps.IncidentStore.Tests;

/// <summary>The incident table as the README documents it (string pk and sk, TTL on ttl), created on moto.</summary>
internal static class IncidentTable
{
    /// <summary>
    /// A client for moto whose requests reach moto one at a time. DynamoDB applies every request atomically (a
    /// conditional put, an update, a whole transaction), but moto's threaded server does not: two concurrent
    /// conditional puts can both pass their check. Serialising the requests gives moto DynamoDB's per-request
    /// atomicity and nothing more, so concurrent store calls still interleave request by request, as they would in AWS.
    /// </summary>
    public static AmazonDynamoDBClient Client(MotoServer moto) => new(
        new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey),
        new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Endpoint.ToString(),
            // Setting RegionEndpoint as well would replace ServiceURL: the SDK keeps only the last of the two.
            AuthenticationRegion = MotoServer.Region,
            HttpClientFactory = new OneRequestAtATime(),
        });

    /// <summary>Creates a table with a fresh name and returns the name.</summary>
    public static async Task<string> CreateAsync(IAmazonDynamoDB client)
    {
        var name = "eksops-incidents-" + Guid.NewGuid().ToString("N")[..10];
        var ct = TestContext.Current.CancellationToken;
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, ct);
        await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = name,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "ttl", Enabled = true },
        }, ct);
        return name;
    }

    private sealed class OneRequestAtATime : HttpClientFactory
    {
        // One gate for every client: moto is one server.
        private static readonly SemaphoreSlim Gate = new(1, 1);

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new GateHandler { InnerHandler = new SocketsHttpHandler() });

        private sealed class GateHandler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await Gate.WaitAsync(cancellationToken);
                try
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    await response.Content.LoadIntoBufferAsync(cancellationToken);
                    return response;
                }
                finally
                {
                    Gate.Release();
                }
            }
        }
    }
}
