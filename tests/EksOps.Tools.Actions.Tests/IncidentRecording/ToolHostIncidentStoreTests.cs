using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using EksOps.Lambda.Testing;
using EksOps.Testing.Moto;
using EksOps.Tools.Hosting;

namespace EksOps.Tools.Actions.Tests.IncidentRecording;

/// <summary>
/// <c>create_incident</c> as a deployed tool function runs it (<see cref="ToolHost.FromEnvironment"/>): with
/// <c>EKSOPS_INCIDENT_TABLE</c> the incident goes into the flow's DynamoDB table (on moto, signatures checked) and a
/// second sandbox finds it; without it, incidents stay in memory.
/// </summary>
[Collection(MotoGroup.Name)]
public class ToolHostIncidentStoreTests(MotoServer moto)
{
    private const string Cluster = "retail-prod";

    private static readonly JsonObject Arguments = new()
    {
        ["title"] = "checkout pods OOMKilled after a traffic spike",
        ["severity"] = "high",
        ["summary"] = "checkout's app container exceeds its 512Mi limit under load and is OOMKilled.",
        ["findings"] = new JsonArray("pod checkout-6d6584985-fxfnn: lastState OOMKilled, exit 137"),
        ["links"] = new JsonArray("https://console.aws.amazon.com/cloudwatch/home#alarmsV2:"),
    };

    private static string Clusters => new JsonObject
    {
        ["clusters"] = new JsonArray(new JsonObject
        {
            ["name"] = Cluster,
            ["region"] = MotoServer.Region,
            ["accountId"] = "123456789012",
            ["environment"] = "production",
        }),
    }.ToJsonString();

    private static Task<ToolResult> CreateIncidentAsync(ToolHost host) =>
        host.Registry.InvokeAsync("create_incident", Arguments.DeepClone().AsObject(), new ToolInvocationContext
        {
            Caller = new ToolCaller("arn:aws:sts::123456789012:assumed-role/agent/session", ToolFace.Internal),
            Logger = new TestLambdaLogger(),
            Metrics = new TestMetrics(),
            CancellationToken = TestContext.Current.CancellationToken,
        });

    private AmazonDynamoDBClient DynamoDb() => new(
        new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    [Fact]
    public async Task An_incident_created_in_one_sandbox_is_in_the_table_and_found_by_the_next_sandbox()
    {
        moto.RequireAvailable();
        var ct = TestContext.Current.CancellationToken;
        var table = "eksops-incidents-" + Guid.NewGuid().ToString("N")[..8];
        using var dynamo = DynamoDb();
        // The table as shared/EksOps.IncidentStore/README.md documents it.
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH), new KeySchemaElement("sk", KeyType.RANGE)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("sk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, ct);
        var environment = new Dictionary<string, string?>
        {
            ["EKSOPS_CLUSTERS"] = Clusters,
            ["EKSOPS_INCIDENT_TABLE"] = table,
            ["EKSOPS_ENDPOINT"] = moto.Endpoint.ToString(),
            ["AWS_REGION"] = MotoServer.Region,
        };
        var credentials = new BasicAWSCredentials(moto.AccessKeyId, moto.SecretAccessKey);

        ToolResult first;
        using (var sandbox = ToolHost.FromEnvironment(environment.GetValueOrDefault, credentials: credentials))
        {
            Assert.IsType<IncidentStoreRecorder>(sandbox.Incidents);
            first = await CreateIncidentAsync(sandbox);
        }

        ToolResult second;
        using (var nextSandbox = ToolHost.FromEnvironment(environment.GetValueOrDefault, credentials: credentials))
        {
            second = await CreateIncidentAsync(nextSandbox);
        }

        Assert.Equal(ToolOutcome.Success, first.Outcome);
        Assert.Equal(ToolOutcome.Success, second.Outcome);
        var id = (string)first.Content["result"]!["incidentId"]!;
        var eventId = (string?)first.Content["result"]!["eventId"];
        Assert.False((bool)first.Content["result"]!["alreadyRecorded"]!);
        Assert.True((bool)second.Content["result"]!["alreadyRecorded"]!);
        Assert.Equal(id, (string?)second.Content["result"]!["incidentId"]);
        Assert.False(string.IsNullOrEmpty(eventId));
        Assert.Equal(eventId, (string?)second.Content["result"]!["eventId"]);
        Assert.Equal((string?)first.Content["result"]!["createdAt"], (string?)second.Content["result"]!["createdAt"]);

        var record = await ItemAsync(dynamo, table, "INCIDENT#" + id, "RECORD");
        Assert.Equal(("create_incident", "eksops:tool:create_incident", "Open", Cluster, "0"),
            (record["alarmName"].S, record["alarmArn"].S, record["status"].S, record["cluster"].S, record["correlatedAlarms"].N));
        var details = await ItemAsync(dynamo, table, "INCIDENT#" + id, "TL#create_incident");
        Assert.Equal("high", JsonNode.Parse(details["data"].S)!["severity"]!.GetValue<string>());
        var published = await ItemAsync(dynamo, table, "INCIDENT#" + id, "TL#event:incident-opened");
        Assert.Equal(eventId, JsonNode.Parse(published["data"].S)!["eventId"]!.GetValue<string>());
    }

    [Fact]
    public void Without_an_incident_table_incidents_stay_in_memory()
    {
        using var host = ToolHost.FromEnvironment(new Dictionary<string, string?> { ["EKSOPS_CLUSTERS"] = Clusters, ["AWS_REGION"] = MotoServer.Region }.GetValueOrDefault);

        Assert.IsType<InMemoryIncidentRecorder>(host.Incidents);
    }

    [Fact]
    public void Asking_for_the_DynamoDB_store_without_a_table_fails_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ToolHost.FromEnvironment(new Dictionary<string, string?>
        {
            ["EKSOPS_CLUSTERS"] = Clusters,
            ["AWS_REGION"] = MotoServer.Region,
            ["EKSOPS_INCIDENT_STORE"] = "dynamodb",
        }.GetValueOrDefault));

        Assert.Contains("EKSOPS_INCIDENT_TABLE is not set", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, AttributeValue>> ItemAsync(AmazonDynamoDBClient dynamo, string table, string pk, string sk)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new() { S = pk }, ["sk"] = new() { S = sk } },
            ConsistentRead = true,
        }, TestContext.Current.CancellationToken);
        Assert.True(response.Item is { Count: > 0 }, $"no item {pk} / {sk}");
        return response.Item;
    }
}
